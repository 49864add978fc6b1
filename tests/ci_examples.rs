//! The example pipelines under examples/ci run their lint step as written: the script is taken
//! from the YAML and run with bash in a temporary catalog repository, `catalog` on the PATH.

use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("catalogs")).unwrap();
    std::fs::copy("tests/fixtures/ci/鹿城区.yaml", dir.path().join("catalogs/鹿城区.yaml")).unwrap();
    std::fs::copy("tests/fixtures/ci/catalog.toml", dir.path().join("catalog.toml")).unwrap();
    let git = |args: &[&str]| {
        let ok = Command::new("git")
            .current_dir(dir.path())
            .args([
                "-c",
                "user.name=CI",
                "-c",
                "user.email=ci@example.org",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .status()
            .unwrap()
            .success();
        assert!(ok);
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "base"]);
    dir
}

fn run_script(dir: &Path, script: &str, env: &[(&str, &str)]) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin("catalog");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new("bash")
        .args(["-euo", "pipefail", "-c", script])
        .current_dir(dir)
        .env("PATH", path)
        .envs(env.iter().copied())
        .output()
        .unwrap()
}

fn load(path: &str) -> Value {
    serde_saphyr::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn check_reports(dir: &Path, files: &[&str]) {
    for f in files {
        let p = dir.join("reports").join(f);
        let text = std::fs::read_to_string(&p).unwrap_or_else(|_| panic!("{f} not written"));
        assert!(!text.trim().is_empty(), "{f}");
    }
}

#[test]
fn github_actions_lint_step_runs() {
    let wf = load("examples/ci/github-actions.yml");
    let steps = wf["jobs"]["lint"]["steps"].as_array().unwrap();
    let script = steps.iter().find(|s| s["id"] == "lint").unwrap()["run"]
        .as_str()
        .unwrap();
    // A push: whole catalog.
    let dir = repo();
    let out = run_script(dir.path(), script, &[("BASE", "")]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().filter(|l| l.starts_with("::")).count(), 9);
    check_reports(dir.path(), &["catalog.sarif", "catalog-junit.xml", "catalog.md"]);
    // A pull request that changes nothing: nothing reported, success.
    let out = run_script(dir.path(), script, &[("BASE", "HEAD")]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn gitlab_lint_job_runs() {
    let ci = load("examples/ci/gitlab-ci.yml");
    let script = ci["catalog-lint"]["script"][0].as_str().unwrap();
    let dir = repo();
    let out = run_script(dir.path(), script, &[("CI_MERGE_REQUEST_DIFF_BASE_SHA", "")]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    check_reports(
        dir.path(),
        &[
            "catalog-junit.xml",
            "gl-code-quality.json",
            "catalog.sarif",
            "catalog.md",
        ],
    );
    let cq: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("reports/gl-code-quality.json")).unwrap())
            .unwrap();
    assert_eq!(cq.as_array().unwrap().len(), 9);
    let out = run_script(dir.path(), script, &[("CI_MERGE_REQUEST_DIFF_BASE_SHA", "HEAD")]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

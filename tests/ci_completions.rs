//! Shell completions and the man page come from the clap definitions.

use assert_cmd::Command;

#[test]
fn completions_for_each_shell() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef catalog"),
        ("fish", "complete -c catalog"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion"),
    ] {
        let out = Command::cargo_bin("catalog")
            .unwrap()
            .args(["completions", shell])
            .output()
            .unwrap();
        assert!(out.status.success(), "{shell}");
        let s = String::from_utf8(out.stdout).unwrap();
        assert!(s.contains(marker), "{shell}");
        // The new lint options are completed too.
        assert!(s.contains("changed-since"), "{shell}");
    }
    Command::cargo_bin("catalog")
        .unwrap()
        .args(["completions", "tcsh"])
        .assert()
        .code(2);
}

#[test]
fn man_page_is_roff_with_every_command() {
    let out = Command::cargo_bin("catalog").unwrap().arg("man").output().unwrap();
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.starts_with(".ie") || s.contains(".TH catalog"),
        "{}",
        &s[..200.min(s.len())]
    );
    for sub in ["lint", "schema", "completions", "man"] {
        assert!(s.contains(sub), "{sub}");
    }
}

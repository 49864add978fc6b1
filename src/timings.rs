//! `--timings`: wall and CPU time of each phase of a command, printed to stderr, so a user who
//! finds a run slow can tell loading from checking from writing.

use crate::i18n::t;
use std::time::Instant;

pub struct Timings {
    on: bool,
    last: (Instant, Option<f64>),
    start: (Instant, Option<f64>),
    phases: Vec<String>,
}

impl Timings {
    pub fn start(on: bool) -> Timings {
        let now = (Instant::now(), if on { cpu_seconds() } else { None });
        Timings {
            on,
            last: now,
            start: now,
            phases: Vec::new(),
        }
    }

    /// Close the phase that ran since the previous mark; `what` is shown after its times.
    pub fn mark(&mut self, name: &str, what: &str) {
        if !self.on {
            return;
        }
        let now = (Instant::now(), cpu_seconds());
        let mut s = format!("{name} {}", span(self.last, now));
        if let Some(mb) = peak_rss_mb() {
            s.push_str(&format!(" [{} {mb} MB]", t("峰值内存", "peak")));
        }
        if !what.is_empty() {
            s.push_str(&format!(" ({what})"));
        }
        self.phases.push(s);
        self.last = now;
    }

    pub fn print(&self) {
        if !self.on {
            return;
        }
        let total = span(self.start, (Instant::now(), cpu_seconds()));
        eprintln!(
            "{}{}{}{total}",
            t("耗时：", "timings: "),
            self.phases.join(t("，", ", ")),
            t("，合计 ", ", total ")
        );
    }
}

fn span(a: (Instant, Option<f64>), b: (Instant, Option<f64>)) -> String {
    let wall = b.0.duration_since(a.0).as_secs_f64() * 1000.0;
    match (a.1, b.1) {
        (Some(x), Some(y)) => format!("{wall:.0} ms (CPU {:.0} ms)", (y - x) * 1000.0),
        _ => format!("{wall:.0} ms"),
    }
}

/// User + system CPU seconds of this process (Linux; `None` elsewhere).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// Peak resident memory so far, in MB (Linux; `None` elsewhere).
fn peak_rss_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

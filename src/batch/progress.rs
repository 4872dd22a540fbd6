//! The progress bar (indicatif, on stderr) and every message the batch prints to stderr.
//! Messages go through [`Progress::line`] so they print above the bar without tearing it;
//! stdout carries records only.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub struct Progress {
    bar: Option<ProgressBar>,
    start: Instant,
    last_msg: Instant,
    done: u64,
    bytes: u64,
    errors: u64,
}

impl Progress {
    /// A bar only when asked for and stderr is a terminal.
    pub fn new(show: bool) -> Progress {
        let bar = (show && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr_with_hz(8));
            let style = ProgressStyle::with_template(
                "{elapsed_precise} [{wide_bar}] {pos}/{len} files  {msg}  ETA {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
            bar.set_style(style);
            bar
        });
        let now = Instant::now();
        Progress {
            bar,
            start: now,
            last_msg: now,
            done: 0,
            bytes: 0,
            errors: 0,
        }
    }

    /// The bar's handle, for the thread that counts the inputs.
    pub fn handle(&self) -> Option<ProgressBar> {
        self.bar.clone()
    }

    /// One line on stderr, above the bar.
    pub fn line(&self, text: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{text}")),
            None => eprintln!("{text}"),
        }
    }

    /// An input was handed to a worker: the total is at least this many.
    pub fn submitted(&self, n: u64) {
        if let Some(bar) = &self.bar {
            if bar.length().unwrap_or(0) < n {
                bar.set_length(n);
            }
        }
    }

    /// A record was written.
    pub fn record(&mut self, bytes: u64, error: bool) {
        self.done += 1;
        self.bytes += bytes;
        self.errors += u64::from(error);
        let Some(bar) = &self.bar else { return };
        bar.set_position(self.done);
        let now = Instant::now();
        if now.duration_since(self.last_msg) >= Duration::from_millis(200) {
            self.last_msg = now;
            let secs = now.duration_since(self.start).as_secs_f64().max(1e-9);
            bar.set_message(format!(
                "{:.1} MB/s  {:.0} files/s  {} error(s)",
                self.bytes as f64 / 1e6 / secs,
                self.done as f64 / secs,
                self.errors
            ));
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

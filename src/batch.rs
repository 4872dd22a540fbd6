//! Many inputs: expansion, parallel extraction, ordered streaming output. (issue 4 grows this)

use std::io::Write;
use std::path::PathBuf;

use crate::decode::encoding_for_label;
use crate::extract::{extract_path, Options};
use crate::record::Record;

/// `declx extract` options.
#[derive(Debug, Clone, clap::Args)]
pub struct ExtractArgs {
    /// Input files, or `-` for stdin.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Indented JSON instead of JSON Lines.
    #[arg(long)]
    pub pretty: bool,
    /// Write one `<name>.json` per input into DIR instead of stdout.
    #[arg(short = 'o', long = "output-dir", value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
    /// Force the text encoding (utf-8, gbk, gb18030, utf-16le, utf-16be, big5).
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<String>,
    /// Password for encrypted PDFs.
    #[arg(long)]
    pub password: Option<String>,
}

/// Run `declx extract`; returns the process exit code.
pub fn run(args: &ExtractArgs) -> i32 {
    let encoding = match args.encoding.as_deref() {
        Some(label) => match encoding_for_label(label) {
            Some(e) => Some(e),
            None => {
                eprintln!("declx: unknown encoding {label:?}");
                return 2;
            }
        },
        None => None,
    };
    let opts = Options {
        encoding,
        password: args.password.clone(),
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = false;
    for p in &args.inputs {
        let rec = extract_path(p, &opts);
        if let Some(e) = rec.error() {
            failed = true;
            eprintln!("declx: {}", e.message);
        }
        let text = if args.pretty {
            rec.to_json_pretty()
        } else {
            rec.to_json_line()
        };
        if writeln!(out, "{text}").is_err() {
            return 1;
        }
    }
    i32::from(failed)
}

pub fn is_error(r: &Record) -> bool {
    r.error().is_some()
}

//! `declx value`: read amounts and thresholds from free text, one JSON line per input.

use std::io::{self, BufRead, BufWriter, Write};

use serde::Serialize;

use super::{parse_amount, parse_thresholds, Amount, Threshold};

/// Normalise values (amounts and thresholds) in text, e.g. OCR output.
///
/// Each TEXT, or each line of standard input when no TEXT is given, becomes one JSON
/// line: {"text": …, "amount": Amount|null, "thresholds": [Threshold…]}. `amount` is
/// filled when the whole text is one amount.
///
/// Example: declx value --unit 万元 "16,583.94" "开展项目数量≥800项。"
#[derive(clap::Args, Debug, Clone, Default)]
pub struct ValueArgs {
    /// Unit for texts that state none, as an amount column's header would (e.g. 万元).
    #[arg(long)]
    pub unit: Option<String>,
    /// Texts to read; without any, lines of standard input are read. Texts may start
    /// with `-` (`-1,234.50`, `- 完成率≥90%`); give --unit before them.
    #[arg(allow_hyphen_values = true)]
    pub texts: Vec<String>,
}

#[derive(Serialize)]
struct Line<'a> {
    text: &'a str,
    amount: Option<Amount>,
    thresholds: Vec<Threshold>,
}

/// One output line (no newline) for one input text.
pub fn value_line(text: &str, unit: Option<&str>) -> String {
    let line = Line {
        text,
        amount: parse_amount(text, unit),
        thresholds: parse_thresholds(text),
    };
    serde_json::to_string(&line).unwrap_or_else(|e| {
        format!(r#"{{"text":null,"amount":null,"thresholds":[],"error":"{e}"}}"#)
    })
}

fn write_line(out: &mut impl Write, text: &str, unit: Option<&str>) -> io::Result<()> {
    out.write_all(value_line(text, unit).as_bytes())?;
    out.write_all(b"\n")
}

/// Stream lines from `input` to `output`, one JSON line each, in order, in bounded memory.
/// Lines that are not UTF-8 are read lossily rather than stopping the stream.
pub fn stream(mut input: impl BufRead, output: impl Write, unit: Option<&str>) -> io::Result<()> {
    let mut out = BufWriter::new(output);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        if input.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        while matches!(buf.last(), Some(b'\n' | b'\r')) {
            buf.pop();
        }
        let text = String::from_utf8_lossy(&buf);
        write_line(&mut out, &text, unit)?;
    }
    out.flush()
}

pub fn run(args: &ValueArgs) -> i32 {
    let unit = args.unit.as_deref();
    let stdout = io::stdout();
    let result = if args.texts.is_empty() {
        stream(io::stdin().lock(), stdout.lock(), unit)
    } else {
        let mut out = BufWriter::new(stdout.lock());
        args.texts
            .iter()
            .try_for_each(|t| write_line(&mut out, t, unit))
            .and_then(|()| out.flush())
    };
    match result {
        Ok(()) => 0,
        // A closed pipe (`declx value < big | head`) is a normal way to stop.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("declx value: {e}");
            1
        }
    }
}

//! declx: Chinese budget performance-target declarations (部门整体预算绩效目标申报表) to
//! structured JSON records (contract `declaration/1`, see `schema/`).
//!
//! Stages, one module each, data flowing one way:
//! [`input`] bytes → [`decode`] text (or [`pdf`] page layout) → [`grid`] cells →
//! [`sections`] form sections → [`normalise`] values (via [`value`]) → [`checks`] →
//! [`record`] JSON. [`extract`] runs the pipeline for one input; [`batch`] runs many.
//!
//! ```
//! use declx::{extract_bytes, Options, Record};
//!
//! let text = include_str!("../fixtures/guangzhou-science-tech-2023.txt");
//! let record = extract_bytes("gz.txt", text.as_bytes(), &Options::default());
//! let Record::Declaration(d) = &record else { panic!("not read: {:?}", record.error()) };
//! assert_eq!(d.department.as_deref(), Some("广州市科学技术局"));
//! // Exact yuan: 16,583.94 万元.
//! let basic = &d.budget.as_ref().unwrap().items[0];
//! assert_eq!(basic.amount.as_ref().unwrap().yuan.unwrap().normalize().to_string(), "165839400");
//! assert!(d.checks.iter().all(|c| c.ok));
//! // One JSON line per input, following `schema/declaration.schema.json`.
//! assert!(record.to_json_line().contains(r#""yuan":165839400"#));
//! ```

pub mod batch;
pub mod checks;
pub mod decode;
pub mod error;
pub mod extract;
pub mod grid;
pub mod input;
pub mod normalise;
mod ocr_labels;
pub mod pdf;
mod realign;
pub mod record;
pub mod schema;
pub mod sections;
#[doc(hidden)]
pub mod synth;
mod uncertain;
pub mod value;

pub use error::{Error, ErrorKind};
pub use extract::{extract_bytes, extract_path, Options};
pub use record::Record;

//! declx: Chinese budget performance-target declarations (部门整体预算绩效目标申报表) to
//! structured JSON records (contract `declaration/1`, see `schema/`).
//!
//! Stages, one module each, data flowing one way:
//! [`input`] bytes → [`decode`] text (or [`pdf`] page layout) → [`grid`] cells →
//! [`sections`] form sections → [`normalise`] values (via [`value`]) → [`checks`] →
//! [`record`] JSON. [`extract`] runs the pipeline for one input; [`batch`] runs many.

pub mod batch;
pub mod checks;
pub mod decode;
pub mod error;
pub mod extract;
pub mod grid;
pub mod input;
pub mod normalise;
pub mod pdf;
pub mod record;
pub mod schema;
pub mod sections;
#[doc(hidden)]
pub mod synth;
pub mod value;

pub use error::{Error, ErrorKind};
pub use extract::{extract_bytes, extract_path, Options};
pub use record::Record;

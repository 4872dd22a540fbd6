//! Stage 6: the reconciliations the form's own arithmetic allows. (being written)
use crate::record::{Check, Declaration};

pub fn run(_d: &Declaration) -> Vec<Check> {
    Vec::new()
}

//! The output contract as a JSON Schema, shipped in the binary (`declx schema`).

/// `schema/declaration.schema.json`.
pub const DECLARATION_SCHEMA: &str = include_str!("../schema/declaration.schema.json");

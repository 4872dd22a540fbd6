//! Stage 4: grid → form sections, found by their labels. (being written)
use crate::error::{Error, Result};
use crate::grid::Grid;
use crate::record::{Loc, OtherField, Warning};

#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub text: String,
    pub loc: Loc,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BudgetEntry {
    pub section: Option<String>,
    pub name: Option<String>,
    pub raw: String,
    pub unit: Option<String>,
    pub loc: Loc,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TaskRow {
    pub name: Option<String>,
    pub content: Option<String>,
    pub amount_raw: Option<String>,
    pub expected_outcome: Option<String>,
    pub unit: Option<String>,
    pub loc: Loc,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorRow {
    pub level1: Option<String>,
    pub level2: Option<String>,
    pub level3: Option<String>,
    pub period: Option<String>,
    pub annual: Option<String>,
    pub loc: Loc,
}

#[derive(Debug, Clone, Default)]
pub struct Sections {
    pub title: Option<Text>,
    pub department: Option<Text>,
    pub budget_unit: Option<String>,
    pub budget: Option<Vec<BudgetEntry>>,
    pub overall_goal: Option<Text>,
    pub tasks: Option<Vec<TaskRow>>,
    pub other_tasks: Option<Text>,
    pub indicators: Option<Vec<IndicatorRow>>,
    pub other_fields: Vec<OtherField>,
    pub warnings: Vec<Warning>,
}

pub fn read(_grid: &Grid) -> Result<Sections> {
    Err(Error::NotADeclaration {
        reason: "form reader not written yet".into(),
    })
}

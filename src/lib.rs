// Errors are rare and carry bilingual messages with places; boxing them buys nothing.
#![allow(clippy::result_large_err)]

//! `catalog`: standardize and lint Chinese government power and responsibility lists and
//! service-item catalogs. See DESIGN.md for the flow: load → Catalog → rules → report.

pub mod baseline;
pub mod changed;
pub mod checklist;
pub mod cli;
pub mod cli_error;
pub mod commands;
pub mod config;
pub mod convert;
pub mod diag;
pub mod diff;
pub mod error;
pub mod fix;
pub mod i18n;
pub mod laws;
pub mod lint;
pub mod load;
pub mod markup;
pub mod metrics;
pub mod model;
pub mod publish;
pub mod report;
pub mod rules;
pub mod safe;
pub mod suggest;
pub mod suppress;
pub mod text;
pub mod timings;
pub mod xlsx_edit;

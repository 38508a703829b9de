//! Orgcraft: a Bevy ECS simulation game about leading a product organization.
//!
//! The crate is library-first: `model` (pure maths), `scenario` (content), `sim` (ECS and the
//! weekly turn), `score` (scores and attribution), `headless` (runners and bots), `gui` (the window, behind the default `gui` feature). `main.rs` is a
//! thin CLI over these.

pub mod cli;
#[cfg(feature = "gui")]
pub mod gui;
pub mod headless;
pub mod model;
pub mod report;
pub mod scenario;
pub mod score;
pub mod sim;

/// The things most callers need.
pub mod prelude {
    pub use crate::headless::{Policy, RunReport, Sim, policy_by_name, run};
    pub use crate::scenario::{Diagnostic, Scenario, load, parse};
    pub use crate::sim::{Action, Response};
}

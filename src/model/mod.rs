//! Pure model: parameters, equations, keyed randomness and ledger maths. No Bevy types here.

pub mod eq;
pub mod ledger;
pub mod params;
pub mod queue;
pub mod rng;

pub use ledger::{Contribs, Driver};
pub use params::Params;

use serde::{Deserialize, Serialize};

macro_rules! stable_id {
    ($($name:ident),*) => {$(
        /// A stable id: gives a total order for deterministic iteration (MODEL.md §3).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub struct $name(pub u32);
    )*};
}
stable_id!(
    TeamId,
    PersonId,
    InitiativeId,
    DependencyId,
    StakeholderId,
    ProductId,
    DemandId
);

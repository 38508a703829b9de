//! Pure model: parameters, equations, keyed randomness and ledger maths. No Bevy types here.

pub mod action;
pub mod domain;
pub mod eq;
pub mod happened;
pub mod ledger;
pub mod names;
pub mod naming;
pub mod params;
pub mod queue;
pub mod rng;

pub use ledger::{Contribs, Driver};
pub use params::Params;

/// The version of the simulation's behaviour: bumped whenever the same scenario, seed and
/// decisions would play differently (an equation, a default, a rule, or what the state hash
/// covers). Logs, saves, reports and session files record it; a log or save of another model
/// version cannot be reproduced exactly and is offered a re-simulation instead.
///
/// `tests/lock.rs` holds the behaviour lock (per-week state hashes of every shipped scenario
/// under every bot) and fails when that table changes while this number does not.
///
/// History: 1 — the first versioned model (state hash covering every resource a later week
/// reads). Logs and saves written before versions existed read as model version 0.
/// 2 — nothing can be gamed (issue 12): credit counts once per ship; rituals (vision and
/// strategy sessions, demo days, a second 1:1 with the same person) wear out with repetition
/// and vision sessions and demos take the teams' time; teams that do not depend on each other
/// cannot be "connected"; an escalation is ruled on (a powerful stakeholder usually wins, the
/// demand then comes back) and buys two weeks, not twelve, without demands; killing committed
/// work breaks the commitment as a missed date does; idle teams disengage (bore-out).
/// 3 — Brooks's law from its real mechanism: Madachy's communication overhead alone (the
/// §17.4 large-team term, which put teams of 18 at the overhead cap, is off by default).
/// 4 — a vision session or demo day at the usual cadence takes no extra time (it is inside the
/// routine meeting share `f_base`); only the extra ones soon after another cost capacity, and
/// a demo is remembered for two weeks (a demo per sprint is the usual cadence), not four.
/// 5 — a forecast is a lever: it gives the initiative a 50 %/85 % date the player sees, calms
/// its stakeholders, stops fixed-date plans being imposed on the team while fresh, and counts
/// for (shipped by the 85 % week) or against (that week passed) their trust in your dates —
/// `forecast_hits` was never counted before.
/// 6 — scoring without saturation and with an honest floor (§17.5): every culture component
/// is scored against the caretaker's game on the same streams (the caretaker scores 50;
/// `50 + 50·d/(|d| + scale)` never reaches 0 or 100), every product component against where
/// the product stood at the start (outcomes against each objective's baseline), and raw
/// components are no longer clamped; stopping an initiative costs its sponsor's benevolence
/// (everyone's, if nobody sponsored it), and stakeholders doubt ability when nothing ships
/// for 8 weeks. Before, the servant's wellbeing sat at 100 and crunch's retention at 0 in
/// most scenarios, and a run that shipped nothing scored product 42–55.
/// 7 — interaction modes as Team Topologies describes them: a collaboration draws the
/// provider's service capacity first and its lane serves the other consumers with what is
/// left (before, each collaboration got the provider's whole service capacity on top of the
/// lane: free capacity, a bug); a collaboration kept past its time-box costs both teams more
/// each week (`collab_overrun_gain`); X-as-a-service makes requests more predictable
/// (`xaas_jitter_share`); facilitating grows the craft of both teams' people while it runs
/// (`facilitating_growth`). Before, X-as-a-service and facilitating played identically.
/// 8 — a stay interview lowers the person's hazard for 13 weeks (`hazard_stay_interview`
/// 0.75); before, it only revealed the flight risk and added 2 trust, and moved retention by
/// +0.01 in the lever table.
/// 9 — WIP limits as Kanban has them: started work blocked on a dependency holds its WIP slot,
/// and a team whose limit holds ready work back while its started work is blocked swarms on
/// its blockers (`swarm_share` of its idle capacity lent to the providers' lanes at
/// `swarm_efficiency`). Before, blocked items freed their slot, so a limit never bound in
/// `dependency_hell` (WIP 4 against the scenario's 2 changed nothing); now WIP 4 costs
/// +624k cost of delay and −2.4 product there.
/// 10 — Every pillar of the team's own people drives its own mechanism (issue 12). Soft skill
/// of a team's PMs and EMs: reframe odds, the capital a shield costs, what stakeholders take
/// from a demo or a disclosed slip, and the capacity a collaboration costs. Team development
/// of its EM: coaching that grows the others in the pillar their work uses most, faster
/// ramp-up of new hires, and a lead's 1:1s growing people as the leader's do. Domain of its
/// product people: how well what ships fits its users (× its effects). Before, only the
/// leader's soft skill and the EMs' team development (for safety) were read, so mentoring a
/// person in soft skills or team development changed nothing but the growth score.
/// 11 — In a collaboration the consumer's people work in the provider's code at half
/// efficiency (`collab_consumer_efficiency`): before, a quarter of the consumer's capacity
/// did the provider's work as if it were the provider's own, so collaborating with an
/// overloaded platform flowed faster than X-as-a-service (−3.75 product in `dependency_hell`;
/// Team Topologies has collaboration as the expensive mode, for discovering an interface).
/// Now X-as-a-service is +0.94 product there.
/// 12 — People react differently (issue 13, "people, not rows"): each person has a temperament
/// on three axes — crunch (their hours above 40 tire them × 0.7 or × 1.4), recognition (1:1s
/// and shared credit move their engagement and trust × 0.6 or × 1.5) and change (priority
/// churn costs them × 0.5 or × 1.5) — written as traits in the scenario or, where an axis is
/// left out, drawn from the seed on its own stream when the scenario sets
/// `trait_drawn_share` (default 0). Before, every person with the same numbers reacted the
/// same way. `conference_crunch` now writes four of its people's reactions (one each way on
/// crunch and on recognition).
/// 13 — A reaction to a reorg, and names for newcomers (issue 13). Someone moved to another
/// team (`Reteam`) is unsettled by it as by priority churn — `reteam_unsettle` 1.5 churn events
/// for them, fading as churn does — so it costs their engagement and tires them, more for
/// someone who needs stability and less for someone who enjoys change; before, only the teams
/// felt a move (safety, capacity) and the person's ramp-up. People who join during a game are
/// named from a list of first names ("Hire #31" and "Contractor #28" before) and a team's new
/// ideas from a list of product bets ("Team idea #9" before), chosen by id, never from a
/// random stream: scores of games without a Reteam are unchanged; the state hashes change
/// because the names are state.
pub const MODEL_VERSION: u32 = 13;

use serde::{Deserialize, Serialize};

macro_rules! stable_id {
    ($($name:ident => $kind:ident),*) => {$(
        /// A stable id: gives a total order for deterministic iteration (MODEL.md §3).
        ///
        /// Serialized as a number; deserialized from a number or, inside a scenario's plans, a
        /// name (see `names`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        pub struct $name(pub u32);

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_newtype_struct(stringify!($name), names::IdVisitor(names::IdKind::$kind))
                    .map($name)
            }
        }
    )*};
}
stable_id!(
    TeamId => Team,
    PersonId => Person,
    InitiativeId => Initiative,
    DependencyId => Dependency,
    StakeholderId => Stakeholder,
    ProductId => Product,
    DemandId => Demand
);

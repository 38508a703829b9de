//! The `Action` enum (MODEL.md §6): the only way anything changes the simulation from outside.
//!
//! Every action is priced in attention points (AP), political capital (PC) and money, checked
//! against what the leader has, and either applied or refused with a reason — never a panic,
//! never a silent no-op. Actions are queued during the week and applied at the start of the turn.
//!
//! This file holds the queue, the affordability checks, payment, the helpers the actions share
//! and the dispatch of `price` and `apply` to the action's family (`ActionKind::family`,
//! §6.1–§6.6), one file each: `people`, `inspire`, `defend`, `allocate`, `connect` and `data`.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::lookup;
use super::state::*;
use crate::model::eq::{self, OvertimePolicy};
use crate::model::rng::{Purpose, Stream};
use crate::model::{DemandId, Driver, InitiativeId, PersonId, ProductId, StakeholderId, TeamId};
use crate::scenario::{DemandKind, InitiativeKind, Role};

pub use crate::model::action::{Action, ActionFamily, ActionKind, Cost, Refusal, Response};

mod allocate;
mod connect;
mod data;
mod defend;
mod inspire;
mod people;

pub use connect::pair;
pub use data::monte_carlo_forecast;
pub use defend::{add_defend, comply_effects};

/// Queued actions for the coming turn and the results of the last one.
#[derive(Resource, Clone, Debug, Default, Serialize, Deserialize)]
pub struct ActionQueue {
    pub pending: Vec<Action>,
    /// Running total of the pending actions' prices (kept in step with `pending`).
    pub pending_cost: Cost,
    pub applied: Vec<(u32, Action)>,
    pub refused: Vec<(u32, Refusal)>,
    /// True while `apply_queued` runs: prices are then checked for the current week, not for
    /// the coming one.
    #[serde(default)]
    pub applying: bool,
}

fn refuse<T>(a: &Action, reason: impl Into<String>) -> Result<T, Refusal> {
    Err(Refusal {
        action: a.kind().as_str().to_string(),
        reason: reason.into(),
    })
}

fn person(world: &World, id: PersonId) -> Option<&Person> {
    lookup::get(world, id)
}

fn team(world: &World, id: TeamId) -> Option<&Team> {
    lookup::get(world, id)
}

fn initiative(world: &World, id: InitiativeId) -> Option<&Initiative> {
    lookup::get(world, id)
}

fn stakeholder(world: &World, id: StakeholderId) -> Option<&Stakeholder> {
    lookup::get(world, id)
}

fn week(world: &World) -> u32 {
    world.resource::<Clock>().week
}

/// Money the leader can still commit this quarter: the quarter's budget times the freeze ratio,
/// minus what has been spent (`eq::budget_headroom`).
pub fn money_available(world: &World) -> f64 {
    let b = world.resource::<Budget>();
    eq::budget_headroom(
        b.quarter_total,
        b.quarter_spent,
        &world.resource::<SimParams>().0,
    )
}

/// The person an action names, or the refusal saying there is none.
fn need_person<'w>(world: &'w World, a: &Action, id: PersonId) -> Result<&'w Person, Refusal> {
    person(world, id).map_or_else(|| refuse(a, format!("no person {}", id.0)), Ok)
}

/// The team an action names, or the refusal saying there is none.
fn need_team<'w>(world: &'w World, a: &Action, id: TeamId) -> Result<&'w Team, Refusal> {
    team(world, id).map_or_else(|| refuse(a, format!("no team {}", id.0)), Ok)
}

/// The initiative an action names, or the refusal saying there is none.
fn need_init<'w>(
    world: &'w World,
    a: &Action,
    id: InitiativeId,
) -> Result<&'w Initiative, Refusal> {
    initiative(world, id).map_or_else(|| refuse(a, format!("no initiative {}", id.0)), Ok)
}

/// How much of a ritual's effect is left this week: `same` picks the earlier actions that
/// count as the same ritual, within `window` weeks before week `w` (this week's included).
fn ritual_keep(world: &World, w: u32, window: f64, same: impl Fn(&Action) -> bool) -> f64 {
    let earlier = world
        .resource::<ActionQueue>()
        .applied
        .iter()
        .rev()
        .take_while(|(x, _)| f64::from(w.saturating_sub(*x)) < window)
        .filter(|(_, a)| same(a))
        .count();
    eq::ritual_keep(earlier, &world.resource::<SimParams>().0)
}

/// True when the two teams depend on each other, either way, through any dependency.
fn depend_on_each_other(world: &World, a: TeamId, b: TeamId) -> bool {
    let idx = world.resource::<Index>();
    idx.dependencies.values().any(|e| {
        world.get::<Dependency>(*e).is_some_and(|d| {
            (d.consumer == a && d.provider == b) || (d.consumer == b && d.provider == a)
        })
    })
}

/// An action's price.
fn cost(ap: f64, pc: f64, money: f64) -> Result<Cost, Refusal> {
    Ok(Cost { ap, pc, money })
}

/// Prices an action and checks its targets, without changing anything.
pub fn price(world: &World, a: &Action) -> Result<Cost, Refusal> {
    match a.kind().family() {
        ActionFamily::People => people::price(world, a),
        ActionFamily::InspireAndCredit => inspire::price(world, a),
        ActionFamily::Defend => defend::price(world, a),
        ActionFamily::Allocate => allocate::price(world, a),
        ActionFamily::Connect => connect::price(world, a),
        ActionFamily::Data => data::price(world, a),
    }
}

/// Checks an action against what is left after the already queued ones.
pub fn check_affordable(world: &World, a: &Action, queued: &Cost) -> Result<Cost, Refusal> {
    let cost = price(world, a)?;
    let leader = world.resource::<Leader>();
    let p = &world.resource::<SimParams>().0;
    if cost.ap > 0.0
        && queued.ap + cost.ap
            > leader.ap_left + p.ap_overdraft - leader.overdraft_debt.max(0.0) + 1e-9
    {
        return refuse(
            a,
            format!(
                "needs {:.1} AP; {:.1} left this week (overdraft included)",
                cost.ap,
                (leader.ap_left + p.ap_overdraft - leader.overdraft_debt.max(0.0) - queued.ap)
                    .max(0.0)
            ),
        );
    }
    if cost.pc > 0.0 && queued.pc + cost.pc > leader.political_capital + 1e-9 {
        return refuse(
            a,
            format!(
                "needs {:.1} political capital; {:.1} available",
                cost.pc,
                (leader.political_capital - queued.pc).max(0.0)
            ),
        );
    }
    if cost.money > 0.0 && queued.money + cost.money > money_available(world) + 1e-9 {
        return refuse(
            a,
            format!(
                "needs ${:.0}; ${:.0} of budget room left this quarter",
                cost.money,
                (money_available(world) - queued.money).max(0.0)
            ),
        );
    }
    Ok(cost)
}

/// Total cost of the queued actions.
pub fn queued_cost(world: &World) -> Cost {
    world.resource::<ActionQueue>().pending_cost
}

fn add_cost(total: &mut Cost, c: &Cost, sign: f64) {
    total.ap += sign * c.ap.max(0.0);
    total.pc += sign * c.pc.max(0.0);
    total.money += sign * c.money.max(0.0);
}

/// Queues an action for this turn if it is affordable; otherwise says why not.
pub fn submit(world: &mut World, a: Action) -> Result<Cost, Refusal> {
    let queued = queued_cost(world);
    let cost = check_affordable(world, &a, &queued)?;
    let mut q = world.resource_mut::<ActionQueue>();
    q.pending.push(a);
    add_cost(&mut q.pending_cost, &cost, 1.0);
    Ok(cost)
}

/// Removes a queued action (undo before the week ends); the queue's cost is re-priced.
///
/// Each remaining action is priced against the ones queued before it (as when it was
/// submitted): pricing it against the whole queue would find itself there, and a 1:1 would
/// then read "already had a 1:1 this week" and cost nothing.
pub fn unqueue(world: &mut World, index: usize) -> Option<Action> {
    let mut pending = std::mem::take(&mut world.resource_mut::<ActionQueue>().pending);
    let removed = (index < pending.len()).then(|| pending.remove(index));
    world.resource_mut::<ActionQueue>().pending_cost = Cost::default();
    for a in pending {
        let cost = price(world, &a).unwrap_or_default();
        let mut q = world.resource_mut::<ActionQueue>();
        q.pending.push(a);
        add_cost(&mut q.pending_cost, &cost, 1.0);
    }
    removed
}

/// Turn system: pays for and applies the queued actions in order.
pub fn apply_queued(world: &mut World) {
    let pending = std::mem::take(&mut world.resource_mut::<ActionQueue>().pending);
    world.resource_mut::<ActionQueue>().pending_cost = Cost::default();
    world.resource_mut::<ActionQueue>().applying = true;
    let w = week(world);
    for a in pending {
        match check_affordable(world, &a, &Cost::default()) {
            Ok(cost) => {
                pay(world, &cost);
                apply(world, &a, w);
                if !world.resource::<Clock>().epilogue {
                    world
                        .resource_mut::<Org>()
                        .action_weeks
                        .record(ActionMark::Kind(a.kind()), w);
                }
                world.resource_mut::<ActionQueue>().applied.push((w, a));
            }
            Err(r) => {
                world
                    .resource_mut::<WeekLog>()
                    .push(w, "refused", r.to_string());
                world.resource_mut::<ActionQueue>().refused.push((w, r));
            }
        }
    }
    world.resource_mut::<ActionQueue>().applying = false;
}

fn pay(world: &mut World, cost: &Cost) {
    let overdraft_max = world.resource::<SimParams>().ap_overdraft;
    let gain = world.resource::<SimParams>().leader_overdraft_exhaustion;
    {
        let mut l = world.resource_mut::<Leader>();
        l.ap_left -= cost.ap;
        if l.ap_left < 0.0 {
            // Borrow from next week's AP (§6): the leader pays in exhaustion.
            let borrowed = (-l.ap_left).min(overdraft_max);
            l.overdraft_debt += borrowed;
            l.exhaustion = (l.exhaustion + gain * borrowed).min(100.0);
            l.ap_left = 0.0;
        }
        l.political_capital = (l.political_capital - cost.pc).clamp(0.0, 100.0);
    }
    if cost.money > 0.0 {
        let mut b = world.resource_mut::<Budget>();
        b.quarter_spent += cost.money;
        b.total_spent += cost.money;
    }
}

fn with_person(world: &mut World, id: PersonId, f: impl FnOnce(&mut Person)) {
    lookup::with(world, id, f);
}

/// Runs `f` on what drives a person's engagement and trust (pulses, the last 1:1).
fn with_drivers(world: &mut World, id: PersonId, f: impl FnOnce(&mut PersonDrivers)) {
    lookup::with(world, id, f);
}

fn with_team(world: &mut World, id: TeamId, f: impl FnOnce(&mut Team)) {
    lookup::with(world, id, f);
}

fn with_initiative(world: &mut World, id: InitiativeId, f: impl FnOnce(&mut Initiative)) {
    lookup::with(world, id, f);
}

fn with_stakeholder(world: &mut World, id: StakeholderId, f: impl FnOnce(&mut Stakeholder)) {
    lookup::with(world, id, f);
}

fn all_stakeholders(world: &mut World, f: impl FnMut(&mut Stakeholder)) {
    lookup::for_each(world, f);
}

fn team_people(world: &World, t: TeamId) -> Vec<PersonId> {
    let idx = world.resource::<Index>();
    idx.people
        .iter()
        .filter(|(_, e)| world.get::<Person>(**e).is_some_and(|p| p.team == t))
        .map(|(id, _)| *id)
        .collect()
}

fn pulse(stock: PulseStock, amount: f64, week: u32, half_life: f64, driver: Driver) -> Pulse {
    Pulse {
        stock,
        amount,
        start_week: week,
        half_life,
        driver,
    }
}
/// A log line that records what happened and to whom (see `Happened`).
fn log(
    world: &mut World,
    w: u32,
    kind: &str,
    happened: Happened,
    about: Vec<Subject>,
    text: String,
) {
    world
        .resource_mut::<WeekLog>()
        .record(w, kind, happened, about, text);
}
/// Applies an already-paid action. Effects follow MODEL.md §6 (see each family's file).
pub fn apply(world: &mut World, a: &Action, w: u32) {
    match a.kind().family() {
        ActionFamily::People => people::apply(world, a, w),
        ActionFamily::InspireAndCredit => inspire::apply(world, a, w),
        ActionFamily::Defend => defend::apply(world, a, w),
        ActionFamily::Allocate => allocate::apply(world, a, w),
        ActionFamily::Connect => connect::apply(world, a, w),
        ActionFamily::Data => data::apply(world, a, w),
    }
}

fn person_team(world: &World, id: PersonId) -> Option<TeamId> {
    person(world, id).map(|p| p.team)
}

fn initiative_team(world: &World, id: InitiativeId) -> Option<TeamId> {
    initiative(world, id).map(|i| i.team)
}
/// Weighted objective attainment 0–1 (used by budget requests and stakeholder ability trust).
pub fn outcome_progress(world: &World) -> f64 {
    let obj = world.resource::<Objectives>();
    let total: f64 = obj.0.iter().map(|o| o.weight).sum();
    if total <= 0.0 {
        return 0.0;
    }
    obj.0
        .iter()
        .map(|o| o.weight * attainment(o).clamp(0.0, 1.0))
        .sum::<f64>()
        / total
}

/// Attainment of an objective (§9.2), clamped to −0.5..1.2.
/// Attainment without the −0.5…1.2 bounds (within ±3), for the outcome component scored
/// against the caretaker: two games that both miss an objective by different amounts differ.
pub fn attainment_unbounded(o: &ObjectiveState) -> f64 {
    let span = o.target - o.baseline;
    if span.abs() < 1e-12 {
        return 0.0;
    }
    ((o.value - o.baseline) / span).clamp(-3.0, 3.0)
}

pub fn attainment(o: &ObjectiveState) -> f64 {
    let span = o.target - o.baseline;
    if span.abs() < 1e-12 {
        return 0.0;
    }
    ((o.value - o.baseline) / span).clamp(-0.5, 1.2)
}

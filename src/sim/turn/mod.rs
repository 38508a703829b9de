//! The turn's systems, one file per phase (MODEL.md §17.3), each a thin adapter over `model::eq`;
//! this file holds what every phase shares (lookups in stable-id order, small helpers).
//!
//! Systems take the resources (`Res`, `ResMut`) and queries they need and walk entities in the
//! order of the `Index` maps, which are ordered by stable id: iteration order, random draws and
//! float sums are therefore identical on every run. Events (which share code with answering a
//! demand), staffing (hires and leavers) and discovery (experiments shared with an action, new
//! ideas) stay exclusive (`&mut World`), as does the close-out after the epilogue.
//! At week 0 (the spawn pass) systems only derive values and record starting terms.

// A system lists every resource and query it touches as a parameter; long lists are normal.
#![allow(clippy::too_many_arguments)]

use std::collections::BTreeMap;

use bevy::prelude::*;

use super::actions;
use super::lookup;
use super::state::*;
use crate::model::eq;
use crate::model::rng::{Purpose, Stream};
use crate::model::{
    Contribs, DependencyId, Driver, InitiativeId, Params, PersonId, ProductId, TeamId,
};
use crate::scenario::{DemandKind, EventKind, InitiativeKind, Metric, Role, TeamKind};

mod begin;
mod budget;
mod capacity;
mod close_out;
mod culture;
mod dependencies;
mod discovery;
mod events;
mod market;
mod people;
mod pressure;
mod production;
mod staffing;
mod stakeholders;

pub use begin::*;
pub use budget::*;
pub use capacity::*;
pub use close_out::*;
pub use culture::*;
pub use dependencies::*;
pub use discovery::*;
pub use events::*;
pub use market::*;
pub use people::*;
pub use pressure::*;
pub use production::*;
pub use staffing::*;
pub use stakeholders::*;

fn params(world: &World) -> Params {
    world.resource::<SimParams>().0.clone()
}

fn week(world: &World) -> u32 {
    world.resource::<Clock>().week
}

fn seed(world: &World) -> u64 {
    world.resource::<RunInfo>().seed
}

fn entities<K: Ord + Copy>(m: &BTreeMap<K, Entity>) -> Vec<(K, Entity)> {
    m.iter().map(|(k, e)| (*k, *e)).collect()
}

/// People entities per team, in person-id order (`team_of` reads a person's team through the
/// calling system's query, so this works for any query over `Person`).
fn members_by_team(
    index: &Index,
    team_of: impl Fn(Entity) -> Option<TeamId>,
) -> BTreeMap<TeamId, Vec<Entity>> {
    let mut out: BTreeMap<TeamId, Vec<Entity>> = BTreeMap::new();
    for e in index.people.values() {
        if let Some(t) = team_of(*e) {
            out.entry(t).or_default().push(*e);
        }
    }
    out
}

/// This turn's `Roster`, checked in debug builds against the people as they are now: a phase
/// that moved people after staffing would make the cache stale, and the tests would say so.
fn roster_members<'a>(
    roster: &'a Roster,
    index: &Index,
    team_of: impl Fn(Entity) -> Option<TeamId>,
) -> &'a BTreeMap<TeamId, Vec<Entity>> {
    debug_assert_eq!(
        roster.0,
        members_by_team(index, team_of),
        "the roster is stale: people moved after the staffing phase"
    );
    &roster.0
}

/// People entities per team, in person-id order (for exclusive systems).
fn members(world: &World) -> BTreeMap<TeamId, Vec<Entity>> {
    members_by_team(world.resource::<Index>(), |e| {
        world.get::<Person>(e).map(|p| p.team)
    })
}

/// Values per team, found by team id in constant time: team ids are dense (0, 1, 2, … in file
/// order), so a per-person lookup costs the same in an organisation of 7 teams or 700.
pub(crate) struct PerTeam<T>(Vec<Option<T>>);

impl<T> PerTeam<T> {
    pub(crate) fn get(&self, id: &TeamId) -> Option<&T> {
        self.0.get(id.0 as usize).and_then(Option::as_ref)
    }
}

impl<T> FromIterator<(TeamId, T)> for PerTeam<T> {
    fn from_iter<I: IntoIterator<Item = (TeamId, T)>>(items: I) -> Self {
        let mut slots: Vec<Option<T>> = Vec::new();
        for (id, value) in items {
            let i = id.0 as usize;
            if slots.len() <= i {
                slots.resize_with(i + 1, || None);
            }
            slots[i] = Some(value);
        }
        PerTeam(slots)
    }
}

/// Open initiatives per team in backlog order; `open_slot` gives an open initiative's team and
/// backlog position (None when it is closed), read through the calling system's query.
fn items_by_team(
    index: &Index,
    open_slot: impl Fn(Entity) -> Option<(TeamId, u32)>,
) -> BTreeMap<TeamId, Vec<Entity>> {
    let mut out: BTreeMap<TeamId, Vec<(u32, InitiativeId, Entity)>> = BTreeMap::new();
    for (id, e) in &index.initiatives {
        if let Some((team, order)) = open_slot(*e) {
            out.entry(team).or_default().push((order, *id, *e));
        }
    }
    out.into_iter()
        .map(|(t, mut v)| {
            v.sort();
            (t, v.into_iter().map(|x| x.2).collect())
        })
        .collect()
}

/// An open initiative's team and backlog position.
fn open_slot(it: &Initiative) -> Option<(TeamId, u32)> {
    it.is_open().then_some((it.team, it.backlog_order))
}

/// Open initiatives per team in backlog order (for exclusive systems).
fn team_items(world: &World) -> BTreeMap<TeamId, Vec<Entity>> {
    items_by_team(world.resource::<Index>(), |e| {
        world.get::<Initiative>(e).and_then(open_slot)
    })
}

fn count_recent(weeks: &[u32], now: u32, window: u32) -> f64 {
    weeks
        .iter()
        .filter(|&&w| now.saturating_sub(w) < window && w <= now)
        .count() as f64
}

fn role_weight(r: Role) -> f64 {
    match r {
        Role::Engineer | Role::Qa => 1.0,
        Role::Designer | Role::Pm | Role::Analyst => 0.75,
        Role::Em => 0.5,
    }
}

/// Which pillar a role mostly uses (learning by doing): [soft, team_dev, domain, craft].
pub fn use_shares(r: Role) -> [f64; 4] {
    match r {
        Role::Engineer | Role::Qa | Role::Designer => [0.1, 0.0, 0.2, 0.7],
        Role::Pm | Role::Analyst => [0.3, 0.1, 0.5, 0.1],
        Role::Em => [0.3, 0.4, 0.2, 0.1],
    }
}

/// Does this initiative still need discovery before delivery (§17.2)?
pub fn needs_discovery(it: &Initiative, team: &Team, p: &Params) -> bool {
    needs_discovery_at(it, team.discovery_share, p)
}

/// `needs_discovery` for a team that spends `discovery_share` of its capacity on discovery.
pub fn needs_discovery_at(it: &Initiative, discovery_share: f64, p: &Params) -> bool {
    discovery_share > 0.0
        && !it.no_discovery
        && !it.fixed_scope
        && matches!(
            it.kind,
            InitiativeKind::Feature | InitiativeKind::OutcomeBet
        )
        && matches!(
            it.state,
            InitiativeState::Backlog | InitiativeState::Discovery
        )
        && it.experiments_run < p.max_experiments
        && it.belief < p.discovery_confident
        && it.good_done <= 0.0
}

/// Draws an effect vector for an idea: hit → LogNormal magnitude, miss → half neutral, half −0.3.
pub fn draw_effect(s: &mut Stream, hit: bool, p: &Params) -> Effect {
    let unit = Effect {
        activation: 0.01,
        churn_mult: 0.97,
        acquisition: 0.03,
        arpu: 0.0,
        value_fit: 2.5,
    };
    let m = s.lognormal(0.0, p.magnitude_sigma).min(4.0);
    if hit {
        unit.scaled(m)
    } else if s.bernoulli(0.5) {
        Effect {
            churn_mult: 1.0,
            ..Effect::default()
        }
    } else {
        unit.scaled(-0.3 * m)
    }
}

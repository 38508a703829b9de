//! The ECS simulation: entities, the weekly turn schedule and the spawn from a scenario.
//!
//! The turn is a custom `Turn` schedule run once per week (`world.run_schedule(Turn)`),
//! single-threaded and chained, so results never depend on the executor. Nothing here reads
//! `Time`. The GUI and headless runners drive the same schedule with the same `Action`s.

pub mod actions;
pub mod describe;
pub mod hash;
pub mod lookup;
pub mod spawn;
pub mod state;
pub mod turn;
/// The turn's systems under their former name (`sim::systems::close_out`).
pub use turn as systems;

use bevy::ecs::schedule::{ScheduleLabel, SingleThreadedExecutor};
use bevy::prelude::*;

pub use actions::{Action, ActionQueue, Cost, Refusal, Response};
pub use state::*;

/// The weekly turn schedule.
#[derive(ScheduleLabel, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Turn;

/// The phases of a turn (MODEL.md §17.3). Order new variants here; `turn_schedule` chains them.
#[derive(SystemSet, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TurnSet {
    Actions,
    Events,
    Staffing,
    Pressure,
    Overtime,
    Capacity,
    Dependencies,
    Production,
    Discovery,
    Market,
    People,
    Culture,
    Stakeholders,
    Budget,
    /// The `score` plugin's phase: this week's scores from the state the turn left.
    Scoring,
    /// The turn closes: next week's attention points.
    Close,
}

/// Builds the turn schedule: each phase's systems in a chained set, the sets chained in phase
/// order, single-threaded (the score plugin adds its system to `TurnSet::Scoring`).
pub fn turn_schedule() -> Schedule {
    let mut s = Schedule::new(Turn);
    s.set_executor(SingleThreadedExecutor::default());
    s.configure_sets(
        (
            TurnSet::Actions,
            TurnSet::Events,
            TurnSet::Staffing,
            TurnSet::Pressure,
            TurnSet::Overtime,
            TurnSet::Capacity,
            TurnSet::Dependencies,
            TurnSet::Production,
            TurnSet::Discovery,
            TurnSet::Market,
            TurnSet::People,
            TurnSet::Culture,
            TurnSet::Stakeholders,
            TurnSet::Budget,
            TurnSet::Scoring,
            TurnSet::Close,
        )
            .chain(),
    );
    // Week 0 (the spawn pass) only derives this week's values and records the starting terms;
    // the phases that move the world on (effects falling due, events, staffing, service lanes,
    // experiments, spending) run from week 1.
    s.add_systems((
        (systems::begin_week.run_if(in_play), actions::apply_queued)
            .chain()
            .in_set(TurnSet::Actions),
        systems::events.run_if(in_play).in_set(TurnSet::Events),
        (systems::staffing.run_if(in_play), systems::refresh_roster)
            .chain()
            .in_set(TurnSet::Staffing),
        systems::pressure.in_set(TurnSet::Pressure),
        systems::overtime.in_set(TurnSet::Overtime),
        systems::capacity.in_set(TurnSet::Capacity),
        systems::dependencies
            .run_if(in_play)
            .in_set(TurnSet::Dependencies),
        systems::production.in_set(TurnSet::Production),
        systems::discovery
            .run_if(in_play)
            .in_set(TurnSet::Discovery),
        systems::market.in_set(TurnSet::Market),
        (
            systems::people_skills_exhaustion_trust,
            systems::team_safety,
            systems::people_engagement_hazard,
        )
            .chain()
            .in_set(TurnSet::People),
        systems::culture.in_set(TurnSet::Culture),
        systems::stakeholders.in_set(TurnSet::Stakeholders),
        systems::budget.run_if(in_play).in_set(TurnSet::Budget),
        systems::end_week.in_set(TurnSet::Close),
    ));
    s
}

/// Run condition: a played week (1 and later), not the spawn pass at week 0.
pub fn in_play(clock: Res<Clock>) -> bool {
    clock.week > 0
}

/// Adds the simulation's schedule to an app (function-plugin style). Scoring is the `score`
/// plugin's, which adds its system to the same schedule.
pub fn plugin(app: &mut App) {
    app.add_schedule(turn_schedule());
}

/// Sets how many weeks the game lasts (`run --weeks`, a log's own length). Only the simulation
/// writes its clock; runners ask for this.
pub fn set_length(world: &mut World, weeks: u32) {
    world.resource_mut::<Clock>().weeks = weeks;
}

/// Marks the scoring epilogue started and returns how many weeks it lasts.
pub fn start_epilogue(world: &mut World) -> u32 {
    world.resource_mut::<Clock>().epilogue = true;
    world.resource::<SimParams>().epilogue_weeks
}

/// Advances the world by one week: runs every phase once.
pub fn advance(world: &mut World) {
    // What an App's update does every frame: drop the record of despawned components. No
    // system reads it, and in a world reused for thousands of games it would only grow.
    world.clear_trackers();
    world.resource_mut::<Clock>().week += 1;
    let now = world_week(world);
    world
        .resource_mut::<WeekLog>()
        .entries
        .retain(|e| e.week + 8 >= now);
    world.run_schedule(Turn);
}

fn world_week(world: &World) -> u32 {
    world.resource::<Clock>().week
}

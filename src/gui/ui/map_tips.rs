//! The org map's tooltips: what moved a person, a team or a stakeholder last week, as signed
//! causes in plain words, what a demand asks and by when, and what the player can do about
//! each, priced.

use bevy::prelude::World;
use bevy_egui::egui::{RichText, Ui};

use super::widgets::{Good, level_word, palette};
use crate::gui::catalog::{self, Selection, name_of};
use crate::gui::game::{Game, WeekStart, ledger_moves};
use crate::sim::{Contract, Demand, Initiative, Person, PersonDrivers, Stakeholder, Team};

pub(super) fn demand_tip(ui: &mut Ui, w: &World, d: &Demand, g: &Game) {
    ui.set_max_width(360.0);
    ui.label(crate::sim::describe::demand_line(w, d));
    let left = d.respond_by.saturating_sub(g.week());
    ui.label(if left == 0 {
        "Due this week: unanswered, it is complied with when the week ends.".to_string()
    } else {
        format!("{left} week(s) to answer; unanswered demands are complied with when due.")
    });
    ui.label(
        RichText::new(
            "Answer it in the inbox below: comply, shield the team, reframe or escalate.",
        )
        .weak(),
    );
}

/// Signed causes in plain words: "+1.2  1:1s and recognition".
pub(super) fn causes(ui: &mut Ui, title: &str, moves: &[(crate::model::Driver, f64)]) {
    if moves.is_empty() {
        return;
    }
    ui.label(RichText::new(title).strong());
    for (d, v) in moves.iter().take(5) {
        let col = if *v >= 0.0 {
            palette::BLUE
        } else {
            palette::VERMILLION
        };
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("{v:+.1}")).color(col).monospace());
            ui.label(d.label());
        });
    }
}

/// The first few actions for a selection, with the promise that the right panel has all.
pub(super) fn can_do(ui: &mut Ui, w: &World, sel: Selection, g: &Game) {
    let opts = catalog::options(w, sel);
    if opts.is_empty() {
        return;
    }
    ui.label(RichText::new("What you can do").strong());
    for o in opts.iter().take(4) {
        let price = g.price(&o.action);
        ui.label(match price {
            Ok(c) => format!("• {} ({})", o.label, super::widgets::cost_text(&c)),
            Err(r) => format!("• {} (not now: {})", o.label, r.reason),
        });
    }
    ui.label(RichText::new("Click to select; the panel on the right lists every action.").weak());
}

/// A person's four pillars in one line, strongest first named ("Skills: soft 55 · team
/// development 40 · domain 62 · craft 70 (best at craft)").
pub(super) fn skills_line(p: &Person) -> String {
    use crate::model::domain::Pillar;
    let pillars = [Pillar::Soft, Pillar::TeamDev, Pillar::Domain, Pillar::Craft];
    let best = pillars
        .iter()
        .copied()
        .max_by(|a, b| p.skills[*a as usize].total_cmp(&p.skills[*b as usize]))
        .unwrap_or(Pillar::Craft);
    format!(
        "Skills: soft {:.0} · team development {:.0} · domain {:.0} · craft {:.0} (best at {})",
        p.skills[0],
        p.skills[1],
        p.skills[2],
        p.skills[3],
        crate::sim::describe::pillar_name(best)
    )
}

pub(super) fn person_tip(ui: &mut Ui, w: &World, p: &Person, g: &Game, start: Option<&WeekStart>) {
    ui.set_max_width(380.0);
    ui.label(
        RichText::new(format!(
            "{} — {}, level {}, {}",
            p.name,
            p.role.label(),
            p.level,
            name_of::<Team>(w, p.team)
        ))
        .strong(),
    );
    ui.label(format!(
        "Engagement {:.0} ({}) · exhaustion {:.0} ({}) · trusts you {:.0}",
        p.engagement,
        level_word(p.engagement, Good::High),
        p.exhaustion,
        level_word(p.exhaustion, Good::Low),
        p.trust_in_leader
    ));
    ui.label(skills_line(p));
    let mut state = Vec::new();
    if let Some(n) = p.notice {
        state.push(format!("has resigned: leaves in {n} week(s)"));
    } else if p.flight_risk_revealed {
        state.push(
            if crate::gui::moments::likely_to_leave(p) {
                "said they might leave: talk about what would keep them"
            } else {
                "not thinking of leaving"
            }
            .to_string(),
        );
    }
    if p.assimilation < 0.95 {
        state.push(format!(
            "new: ramping up, {:.0}% effective",
            p.assimilation * 100.0
        ));
    }
    if matches!(p.contract, Contract::Contractor { .. }) {
        state.push("contractor".into());
    }
    if !state.is_empty() {
        ui.label(RichText::new(state.join(" · ")).color(palette::ORANGE));
    }
    // Their temperament, once a 1:1 has let you know them.
    if let Some(t) = crate::sim::lookup::get::<crate::sim::Temperament>(w, p.id) {
        let words = t.words();
        // A 1:1 or a stay interview is what reveals it (the same flag as their flight risk).
        let known = p.flight_risk_revealed;
        if known && !words.is_empty() {
            ui.label(format!("You know them: {}.", words.join(", ")));
        } else if !known {
            ui.label(
                RichText::new("A 1:1 tells you how they react to crunch, recognition and change.")
                    .weak(),
            );
        }
    }
    let now = crate::sim::lookup::get::<PersonDrivers>(w, p.id);
    match (start.and_then(|s| s.people.get(&p.id)), now) {
        (Some(b), Some(d)) => {
            causes(
                ui,
                &format!("Engagement last week {:+.1}", p.engagement - b.engagement),
                &ledger_moves(&b.engagement_ledger, &d.engagement_ledger),
            );
            causes(
                ui,
                &format!("Exhaustion last week {:+.1}", p.exhaustion - b.exhaustion),
                &ledger_moves(&b.exhaustion_ledger, &d.exhaustion_ledger),
            );
        }
        _ => {
            ui.label(RichText::new("End a week to see what moves them.").weak());
        }
    }
    can_do(ui, w, Selection::Person(p.id), g);
}

pub(super) fn team_tip(ui: &mut Ui, w: &World, t: &Team, g: &Game, start: Option<&WeekStart>) {
    ui.set_max_width(380.0);
    ui.label(RichText::new(format!("{} — {} team", t.name, t.kind.label())).strong());
    ui.label(format!(
        "Psychological safety {:.0} ({}) · autonomy {:.0} · tech debt {:.0} ({})",
        t.psych_safety,
        level_word(t.psych_safety, Good::High),
        t.autonomy * 100.0,
        t.debt,
        level_word(t.debt, Good::Low)
    ));
    ui.label(format!(
        "Work in progress {} of {} allowed · {} blocked · capacity {:.0} points a week",
        t.active_items, t.wip_limit, t.blocked_items, t.capacity
    ));
    if let Some(b) = start.and_then(|s| s.teams.get(&t.id)) {
        causes(
            ui,
            &format!("Safety last week {:+.1}", t.psych_safety - b.psych_safety),
            &ledger_moves(&b.ps_ledger, &t.ps_ledger),
        );
    }
    can_do(ui, w, Selection::Team(t.id), g);
}

/// The player's forecast for `i` as a date range, or `None` when none was asked for.
pub(super) fn forecast_line(i: &Initiative) -> Option<String> {
    let f = i.forecast?;
    Some(if f.broken {
        format!(
            "Your forecast of week {} broke: it said 85 % likely by week {}",
            f.made, f.p85
        )
    } else {
        format!(
            "Forecast (made in week {}): likely by week {} (50 %), almost surely by week {} (85 %)",
            f.made, f.p50, f.p85
        )
    })
}

pub(super) fn initiative_tip(ui: &mut Ui, w: &World, i: &Initiative, g: &Game) {
    ui.set_max_width(380.0);
    ui.label(RichText::new(&i.name).strong());
    ui.label(format!(
        "{} by {} · {} · the team reports {:.0}% done{}",
        i.kind.label(),
        name_of::<Team>(w, i.team),
        i.state.label(),
        i.perceived * 100.0,
        i.deadline
            .map(|d| format!(" · due week {d}"))
            .unwrap_or_default()
    ));
    if let Some(s) = i.sponsor {
        ui.label(format!("Sponsor: {}", name_of::<Stakeholder>(w, s)));
    }
    if let Some(f) = forecast_line(i) {
        ui.label(RichText::new(f).color(palette::SKY));
    } else if i.is_open() {
        ui.label(RichText::new("No forecast yet: ask for one to get a date range.").weak());
    }
    if i.blocked_weeks > 0 {
        ui.label(
            RichText::new(format!(
                "Blocked for {} week(s) on another team's work.",
                i.blocked_weeks
            ))
            .color(palette::VERMILLION),
        );
    }
    can_do(ui, w, Selection::Initiative(i.id), g);
}

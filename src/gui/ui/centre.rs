//! The playing screen's centre tabs: the org, the dependency graph, the stakeholders and the
//! products (the charts tab is `charts`).

use bevy::prelude::World;
use bevy_egui::egui::{self, Color32, RichText, Ui};

use super::details::{person_row, product_card, stakeholder_card, team_meters};
use super::widgets::{card_rows, palette, section};
use crate::gui::catalog::{Selection, name_of};
use crate::gui::game::Game;
use crate::gui::state::{Command, GuiState};
use crate::sim::{
    Dependency, Index, Initiative, InitiativeState, Person, Product, Stakeholder, Team,
};

pub(super) fn org_view(ui: &mut Ui, st: &GuiState, g: &Game, cmds: &mut Vec<Command>) {
    let w = g.world();
    let idx = w.resource::<Index>();
    let teams: Vec<&Team> = idx
        .teams
        .values()
        .filter_map(|e| w.get::<Team>(*e))
        .collect();
    card_rows(ui, &teams, 290.0, |ui, t| {
        if ui
            .selectable_label(
                st.selection == Selection::Team(t.id),
                RichText::new(&t.name).strong().size(16.0),
            )
            .clicked()
        {
            cmds.push(Command::Select(Selection::Team(t.id)));
        }
        team_meters(ui, t);
        ui.label(format!(
            "WIP {}/{} · blocked {} · {:.0} people",
            t.active_items, t.wip_limit, t.blocked_items, t.headcount
        ))
        .on_hover_text("Work in progress against the limit; blocked items wait on another team.");
        ui.separator();
        for pe in idx.people.values() {
            if let Some(p) = w.get::<Person>(*pe)
                && p.team == t.id
            {
                let sel = Some(st.selection == Selection::Person(p.id));
                if person_row(ui, w, p, sel) {
                    cmds.push(Command::Select(Selection::Person(p.id)));
                }
            }
        }
    });
}

/// One edge of the dependency graph: open requests from `consumer` to `provider`.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    pub consumer: crate::model::TeamId,
    pub provider: crate::model::TeamId,
    pub open: usize,
    pub remaining: f64,
    pub blocked_weeks: u32,
}

/// Aggregates the open dependencies per (consumer, provider) pair.
pub fn edges(w: &World) -> Vec<Edge> {
    let idx = w.resource::<Index>();
    let mut out: Vec<Edge> = Vec::new();
    for de in idx.dependencies.values() {
        let Some(d) = w.get::<Dependency>(*de) else {
            continue;
        };
        let open = d.remaining > 1e-9
            && crate::sim::lookup::get::<Initiative>(w, d.initiative)
                .is_some_and(|i| i.state != InitiativeState::Shipped && i.is_open());
        match out
            .iter_mut()
            .find(|e| e.consumer == d.consumer && e.provider == d.provider)
        {
            Some(e) => {
                if open {
                    e.open += 1;
                    e.remaining += d.remaining;
                    e.blocked_weeks += d.blocked_weeks;
                }
            }
            None => out.push(Edge {
                consumer: d.consumer,
                provider: d.provider,
                open: usize::from(open),
                remaining: if open { d.remaining } else { 0.0 },
                blocked_weeks: if open { d.blocked_weeks } else { 0 },
            }),
        }
    }
    out
}

pub(super) fn dependency_view(ui: &mut Ui, g: &Game, cmds: &mut Vec<Command>) {
    let w = g.world();
    let idx = w.resource::<Index>();
    let teams: Vec<(crate::model::TeamId, String, usize)> = idx
        .teams
        .iter()
        .filter_map(|(id, e)| {
            w.get::<Team>(*e)
                .map(|t| (*id, t.name.clone(), t.blocked_items))
        })
        .collect();
    let es = edges(w);
    let size = egui::vec2(ui.available_width().clamp(300.0, 900.0), 320.0);
    let (rect, _) = ui.allocate_exact_size(size, egui::Sense::hover());
    let painter = ui.painter_at(rect);
    let n = teams.len().max(1) as f32;
    let r = rect.height().min(rect.width()) * 0.36;
    let pos = |i: usize| {
        let a = std::f32::consts::TAU * i as f32 / n - std::f32::consts::FRAC_PI_2;
        rect.center() + egui::vec2(a.cos() * r * 1.5, a.sin() * r)
    };
    let text_col = ui.visuals().text_color();
    for e in &es {
        let (Some(ci), Some(pi)) = (
            teams.iter().position(|t| t.0 == e.consumer),
            teams.iter().position(|t| t.0 == e.provider),
        ) else {
            continue;
        };
        let (a, b) = (pos(ci), pos(pi));
        let col = if e.blocked_weeks > 0 {
            palette::VERMILLION
        } else if e.open > 0 {
            palette::ORANGE
        } else {
            Color32::GRAY
        };
        let width = if e.open > 0 { 3.0 } else { 1.0 };
        let dir = (b - a).normalized();
        let from = a + dir * 40.0;
        let to = b - dir * 40.0;
        painter.arrow(from, to - from, egui::Stroke::new(width, col));
        let mid = from + (to - from) * 0.5;
        painter.text(
            mid,
            egui::Align2::CENTER_CENTER,
            format!(
                "{} open · {:.0} pts · {} wk blocked",
                e.open, e.remaining, e.blocked_weeks
            ),
            egui::FontId::proportional(11.0),
            text_col,
        );
    }
    for (i, (_, name, blocked)) in teams.iter().enumerate() {
        let p = pos(i);
        painter.circle(
            p,
            34.0,
            ui.visuals().faint_bg_color,
            egui::Stroke::new(2.0, palette::BLUE),
        );
        painter.text(
            p,
            egui::Align2::CENTER_CENTER,
            format!("{name}\n{blocked} blocked"),
            egui::FontId::proportional(12.0),
            text_col,
        );
    }
    ui.label(RichText::new("Arrows point from the team that waits to the team it needs. Orange: open requests; vermillion: work blocked for weeks.").weak());
    section(ui, "Dependencies (table)");
    egui::Grid::new("deps").striped(true).show(ui, |ui| {
        ui.label(RichText::new("Waiting team").strong());
        ui.label(RichText::new("Needs").strong());
        ui.label(RichText::new("Open").strong());
        ui.label(RichText::new("Work left").strong());
        ui.label(RichText::new("Blocked weeks").strong());
        ui.label("");
        ui.end_row();
        for e in &es {
            ui.label(name_of::<Team>(w, e.consumer));
            ui.label(name_of::<Team>(w, e.provider));
            ui.label(e.open.to_string());
            ui.label(format!("{:.0} pts", e.remaining));
            ui.label(e.blocked_weeks.to_string());
            if ui.button("Select").clicked() {
                cmds.push(Command::Select(Selection::Pair(e.consumer, e.provider)));
            }
            ui.end_row();
        }
    });
    if es.is_empty() {
        ui.label("No dependencies between teams in this scenario.");
    }
}

pub(super) fn stakeholder_view(ui: &mut Ui, st: &GuiState, g: &Game, cmds: &mut Vec<Command>) {
    let w = g.world();
    let idx = w.resource::<Index>();
    if idx.stakeholders.is_empty() {
        ui.label("No stakeholders in this scenario.");
    }
    let all: Vec<&Stakeholder> = idx
        .stakeholders
        .values()
        .filter_map(|e| w.get::<Stakeholder>(*e))
        .collect();
    card_rows(ui, &all, 330.0, |ui, s| {
        stakeholder_card(ui, w, s, st, cmds)
    });
}

pub(super) fn product_view(ui: &mut Ui, g: &Game, cmds: &mut Vec<Command>) {
    let w = g.world();
    let idx = w.resource::<Index>();
    for pe in idx.products.values() {
        if let Some(p) = w.get::<Product>(*pe) {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width().min(520.0));
                product_card(ui, w, p);
                if ui.button("Select (review metrics)").clicked() {
                    cmds.push(Command::Select(Selection::Product(p.id)));
                }
            });
        }
    }
    section(ui, "Initiatives");
    egui::Grid::new("initiatives").striped(true).show(ui, |ui| {
        for h in ["Initiative", "Team", "State", "Reported", "Due", ""] {
            ui.label(RichText::new(h).strong());
        }
        ui.end_row();
        for ie in idx.initiatives.values() {
            let Some(i) = w.get::<Initiative>(*ie) else {
                continue;
            };
            ui.label(&i.name);
            ui.label(name_of::<Team>(w, i.team));
            ui.label(i.state.label());
            // What the teams report; once shipped or stopped the report is history.
            ui.label(if i.is_open() {
                format!("{:.0}%", i.perceived * 100.0)
            } else {
                String::new()
            });
            ui.label(i.deadline.map(|d| format!("wk {d}")).unwrap_or_default());
            if i.is_open() || i.state == crate::sim::InitiativeState::Shipped {
                if ui.button("Select").clicked() {
                    cmds.push(Command::Select(Selection::Initiative(i.id)));
                }
            } else {
                ui.label("");
            }
            ui.end_row();
        }
    });
}

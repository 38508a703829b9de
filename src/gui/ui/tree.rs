//! The playing screen's left panel: the selection tree, and the order `[` and `]` walk it.

use bevy::prelude::World;
use bevy_egui::egui::{self, RichText, Ui};

use super::widgets::section;
use crate::gui::catalog::Selection;
use crate::gui::game::Game;
use crate::gui::state::{Command, GuiState};
use crate::sim::{Index, Initiative, InitiativeState, Person, Product, Stakeholder, Team};

/// Things the player can select, in the order `[` and `]` walk through them.
pub fn selectables(world: &World) -> Vec<Selection> {
    let idx = world.resource::<Index>();
    let mut v = vec![Selection::Org];
    for (tid, te) in &idx.teams {
        v.push(Selection::Team(*tid));
        for (pid, pe) in &idx.people {
            if world.get::<Person>(*pe).is_some_and(|p| p.team == *tid)
                && world.get::<Team>(*te).is_some()
            {
                v.push(Selection::Person(*pid));
            }
        }
    }
    v.extend(idx.stakeholders.keys().map(|s| Selection::Stakeholder(*s)));
    for (iid, ie) in &idx.initiatives {
        // Shipped work stays reachable: crediting the team comes after the release.
        if world
            .get::<Initiative>(*ie)
            .is_some_and(|i| i.is_open() || i.state == InitiativeState::Shipped)
        {
            v.push(Selection::Initiative(*iid));
        }
    }
    v.extend(idx.products.keys().map(|p| Selection::Product(*p)));
    v
}

fn select_button(ui: &mut Ui, st: &GuiState, sel: Selection, text: impl Into<String>) -> bool {
    ui.selectable_label(st.selection == sel, text.into())
        .clicked()
}

pub(super) fn tree(ui: &mut Ui, st: &GuiState, g: &Game, cmds: &mut Vec<Command>) {
    let w = g.world();
    let idx = w.resource::<Index>();
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.label(RichText::new("[ and ] walk the selection").weak());
        if select_button(ui, st, Selection::Org, "Organization (you)") {
            cmds.push(Command::Select(Selection::Org));
        }
        section(ui, "Teams");
        for (tid, te) in &idx.teams {
            let Some(t) = w.get::<Team>(*te) else {
                continue;
            };
            if select_button(ui, st, Selection::Team(*tid), &t.name) {
                cmds.push(Command::Select(Selection::Team(*tid)));
            }
            ui.indent(("members", tid.0), |ui| {
                for pe in idx.people.values() {
                    let Some(p) = w.get::<Person>(*pe) else {
                        continue;
                    };
                    if p.team != *tid {
                        continue;
                    }
                    let mut label = p.name.clone();
                    if p.notice.is_some() {
                        label.push_str(" (leaving)");
                    } else if p.flight_risk_revealed && p.flight_risk {
                        label.push_str(" ⚠");
                    }
                    if select_button(ui, st, Selection::Person(p.id), label) {
                        cmds.push(Command::Select(Selection::Person(p.id)));
                    }
                }
            });
        }
        section(ui, "Stakeholders");
        for se in idx.stakeholders.values() {
            if let Some(s) = w.get::<Stakeholder>(*se)
                && select_button(ui, st, Selection::Stakeholder(s.id), &s.name)
            {
                cmds.push(Command::Select(Selection::Stakeholder(s.id)));
            }
        }
        section(ui, "Initiatives");
        for ie in idx.initiatives.values() {
            let Some(i) = w.get::<Initiative>(*ie) else {
                continue;
            };
            let label = match i.state {
                InitiativeState::Shipped => format!("{} (shipped)", i.name),
                _ if i.is_open() => i.name.clone(),
                _ => continue,
            };
            if select_button(ui, st, Selection::Initiative(i.id), label) {
                cmds.push(Command::Select(Selection::Initiative(i.id)));
            }
        }
        section(ui, "Products");
        for pe in idx.products.values() {
            if let Some(p) = w.get::<Product>(*pe)
                && select_button(ui, st, Selection::Product(p.id), &p.name)
            {
                cmds.push(Command::Select(Selection::Product(p.id)));
            }
        }
    });
}

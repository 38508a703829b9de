//! The playing screen's bottom panel: the demand inbox, the queue with undo, and End Week.

use bevy_egui::egui::{self, RichText, Ui};

use super::widgets::cost_text;
use crate::gui::catalog::{self, response_explain};
use crate::gui::game::Game;
use crate::gui::guide::Target;
use crate::gui::state::Command;
use crate::sim::{ActionQueue, Org, Response};

/// Height kept under the demands for what the hovered answer does (three short lines).
const EXPLAIN_HEIGHT: f32 = 46.0;

/// The bottom panel: demand inbox, the queue with undo, End Week.
pub(super) fn week_panel(ui: &mut Ui, g: &Game, cmds: &mut Vec<Command>) {
    let w = g.world();
    let org = w.resource::<Org>();
    let queue = w.resource::<ActionQueue>();
    ui.columns(3, |cols| {
        let ui = &mut cols[0];
        ui.label(RichText::new(format!("Inbox · {} demand(s)", org.demands.len())).strong())
            .on_hover_text("Stakeholder demands. Unanswered ones are complied with by default when they fall due.");
        // What the hovered answer does is written in a strip under the demands rather than in
        // a tooltip: at the bottom of the screen a tooltip opens upwards, over the very demand
        // it is about.
        let mut explained: Option<String> = None;
        egui::ScrollArea::vertical()
            .id_salt("inbox")
            // Full width, but only as tall as the demands: filling the height made the
            // resizable panel grow frame by frame.
            .auto_shrink([false, true])
            .max_height((ui.available_height() - EXPLAIN_HEIGHT).max(60.0))
            .show(ui, |ui| {
                if org.demands.is_empty() {
                    ui.label(RichText::new("No demands waiting.").weak());
                }
                for (di, d) in org.demands.iter().enumerate() {
                    let answered = queue.pending.iter().any(|a| {
                        matches!(a, crate::sim::Action::Respond { demand, .. } if *demand == d.id)
                    });
                    ui.label(format!(
                        "{}{}",
                        crate::sim::describe::demand_line(w, d),
                        if answered { " Answered." } else { "" }
                    ));
                    ui.horizontal_wrapped(|ui| {
                        for (r, k) in [
                            (Response::Comply, "C"),
                            (Response::Shield, "H"),
                            (Response::Reframe, "R"),
                            (Response::Escalate, "X"),
                        ] {
                            let a = crate::sim::Action::Respond {
                                demand: d.id,
                                response: r,
                            };
                            let price = g.price(&a);
                            let label = if di == 0 {
                                format!("{} [{k}]", r.label())
                            } else {
                                r.label().to_string()
                            };
                            let tip = match &price {
                                Ok(c) => format!("{}: {} Cost: {}.", r.label(), response_explain(r), cost_text(c)),
                                Err(e) => format!("{}: {} Not possible now: {}.", r.label(), response_explain(r), e.reason),
                            };
                            let button = ui.add_enabled(price.is_ok() && !answered, egui::Button::new(label));
                            if button.contains_pointer() || button.has_focus() {
                                explained = Some(tip);
                            }
                            if button.clicked() {
                                cmds.push(Command::Respond(d.id, r));
                            }
                        }
                    });
                    ui.add_space(4.0);
                }
            });
        if !org.demands.is_empty() {
            let text = explained.unwrap_or_else(|| {
                "Hover an answer to see what it does and what it costs. Unanswered demands are complied with when due.".into()
            });
            let (rect, _) = ui.allocate_exact_size(
                egui::vec2(ui.available_width(), EXPLAIN_HEIGHT),
                egui::Sense::hover(),
            );
            ui.scope_builder(egui::UiBuilder::new().max_rect(rect), |ui| {
                ui.label(RichText::new(text).size(11.5).weak());
            });
        }
        super::guide::mark(ui.ctx(), Target::Inbox, ui.min_rect());
        let ui = &mut cols[1];
        let total = g.queued_cost();
        if g.is_over() {
            ui.label(RichText::new("The game is over: nothing more to queue").strong());
        } else {
            ui.label(
                RichText::new(format!("Queued for week {} · {}", g.week(), cost_text(&total)))
                    .strong(),
            )
            .on_hover_text("Actions happen when the week ends. Remove any of them until then.");
        }
        egui::ScrollArea::vertical()
            .id_salt("queue")
            .auto_shrink([false, true])
            .max_height(ui.available_height().max(60.0))
            .show(ui, |ui| {
                if queue.pending.is_empty() {
                    ui.label(RichText::new("Nothing queued yet. Select a team, person or stakeholder to see what you can do.").weak());
                }
                for (i, a) in queue.pending.iter().enumerate() {
                    ui.horizontal(|ui| {
                        if ui
                            .small_button("Remove")
                            .on_hover_text("Remove this action (undo). [Z] removes the last one.")
                            .clicked()
                        {
                            cmds.push(Command::Undo(i));
                        }
                        ui.label(catalog::describe(w, a));
                    });
                }
            });
        let ui = &mut cols[2];
        ui.vertical_centered(|ui| {
            ui.add_space(8.0);
            let over = g.is_over();
            if over {
                if ui.button(RichText::new("See the debrief  [Enter]").strong().size(18.0)).clicked() {
                    cmds.push(Command::ShowDebrief);
                }
            } else {
                let end = ui
                    .add_sized(
                        [200.0, 44.0],
                        egui::Button::new(RichText::new(format!("End week {}  [E]", g.week())).strong().size(18.0)),
                    )
                    .on_hover_text("Play the week: your queued actions happen, then the org runs for a week.");
                super::guide::mark(ui.ctx(), Target::EndWeek, end.rect);
                if end.clicked() {
                    cmds.push(Command::AskEndWeek);
                }
            }
            ui.add_space(6.0);
            if ui.button("Undo last  [Z]").clicked() {
                cmds.push(Command::UndoLast);
            }
            if let Some(s) = g.summaries.last()
                && ui.button(format!("Week {} summary  [W]", s.week)).clicked()
            {
                cmds.push(Command::CloseOverlay);
                cmds.push(Command::ShowWeekSummary);
            }
        });
    });
}

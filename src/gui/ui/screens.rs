//! The title screen, the scenario picker and the briefing.

use bevy_egui::egui::{self, RichText, Ui};

use super::widgets::{key, palette, section};
use crate::gui::save::SaveStatus;
use crate::gui::state::{Command, GuiState};
use crate::scenario::Scenario;

pub fn title(ui: &mut Ui, st: &GuiState, cmds: &mut Vec<Command>) {
    egui::CentralPanel::default().show(ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(ui.available_height() * 0.18);
            ui.label(RichText::new("Orgcraft").size(48.0).strong());
            ui.label(
                RichText::new("Lead a product organization, one week at a time.")
                    .size(18.0)
                    .italics(),
            );
            ui.add_space(28.0);
            let w = egui::vec2(260.0, 34.0);
            if ui
                .add_sized(w, egui::Button::new("New game   [N]"))
                .on_hover_text("Choose a scenario and read its briefing.")
                .clicked()
            {
                cmds.push(Command::NewGame);
            }
            let (can_continue, tip) = match &st.save_status {
                SaveStatus::Ready(s) => (
                    true,
                    format!(
                        "{}: {} week(s) played, seed {}",
                        s.scenario_title,
                        s.decisions.len(),
                        s.seed
                    ),
                ),
                SaveStatus::None => (false, "No saved game yet.".to_string()),
                SaveStatus::Corrupt(m) => (true, format!("The autosave is damaged: {m}")),
            };
            let old_model = match &st.save_status {
                SaveStatus::Ready(s) if s.from_another_model() => Some(s.model_version),
                _ => None,
            };
            if let Some(saved) = old_model {
                // A save of another model version: say so, and let the player choose.
                ui.label(RichText::new(tip.clone()).weak());
                ui.label(format!(
                    "This game was saved by an earlier version of Orgcraft (model version {saved}); this one plays model version {}, so the same decisions can turn out differently.",
                    crate::model::MODEL_VERSION
                ));
                if ui
                    .add_sized(w, egui::Button::new("Continue on the new model"))
                    .on_hover_text(
                        "Replays your decisions on the new model and lists any that no longer apply. The old save is kept.",
                    )
                    .clicked()
                {
                    cmds.push(Command::ContinueOnNewModel);
                }
                if ui
                    .add_sized(w, egui::Button::new("Start this scenario again"))
                    .on_hover_text("Week 1 of the same scenario and seed. The old save is kept.")
                    .clicked()
                {
                    cmds.push(Command::RestartSavedScenario);
                }
            } else if ui
                .add_enabled(
                    can_continue,
                    egui::Button::new("Continue   [C]").min_size(w),
                )
                .on_hover_text(&tip)
                .on_disabled_hover_text(&tip)
                .clicked()
            {
                cmds.push(Command::Continue);
            }
            if old_model.is_none()
                && let SaveStatus::Ready(_) = &st.save_status
            {
                ui.label(RichText::new(tip).weak());
            }
            if ui
                .add_sized(w, egui::Button::new("Settings   [S]"))
                .clicked()
            {
                cmds.push(Command::OpenSettings);
            }
            if ui.add_sized(w, egui::Button::new("Quit   [Q]")).clicked() {
                cmds.push(Command::Quit);
            }
            ui.add_space(20.0);
            ui.label(
                RichText::new(
                    "Keyboard: F1 shows every shortcut. Tab moves between buttons; Space presses.",
                )
                .weak(),
            );
        });
    });
}

pub fn picker(ui: &mut Ui, st: &GuiState, cmds: &mut Vec<Command>) {
    egui::Panel::top("picker_top").show(ui, |ui| {
        ui.horizontal(|ui| {
            if ui.button("Back  [Esc]").clicked() {
                cmds.push(Command::BackToTitle);
            }
            ui.heading("Choose a scenario");
        });
    });
    egui::CentralPanel::default().show(ui, |ui| {
        if st.catalog.is_empty() {
            ui.label("No scenarios found. Put .ron files in the scenarios folder or your own folder (see the README).");
        }
        egui::ScrollArea::vertical().show(ui, |ui| {
            for (i, e) in st.catalog.iter().enumerate() {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal(|ui| {
                        let label = if i < 9 {
                            format!("{}", i + 1)
                        } else {
                            "-".into()
                        };
                        ui.label(key(&label));
                        ui.label(RichText::new(&e.title).strong().size(16.0));
                        ui.label(RichText::new(format!("({})", e.origin)).weak());
                        if e.guided {
                            ui.label(
                                RichText::new("New here? Start with this one: hints show you around")
                                    .color(palette::BLUE)
                                    .strong(),
                            );
                        }
                    });
                    match &e.error {
                        Some(err) => {
                            ui.label(
                                RichText::new(format!("Does not load: {err}"))
                                    .color(palette::VERMILLION),
                            );
                        }
                        None => {
                            ui.label(format!(
                                "{} weeks · difficulty {} of 5",
                                e.weeks, e.difficulty
                            ));
                            ui.label(RichText::new(teaser(&e.lesson)).italics());
                            if ui.button("Read the briefing").clicked() {
                                cmds.push(Command::Pick(i));
                            }
                        }
                    }
                });
            }
        });
    });
}

/// The first sentence of a lesson: a teaser that does not give the answer away.
fn teaser(lesson: &str) -> String {
    let first = lesson.split(". ").next().unwrap_or(lesson).trim();
    if first.len() < lesson.trim().len() {
        format!("{first}.")
    } else {
        first.to_string()
    }
}

pub fn briefing(ui: &mut Ui, st: &GuiState, cmds: &mut Vec<Command>) {
    let Some((sc, _, path)) = &st.chosen else {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.label("No scenario chosen.");
            if ui.button("Back  [Esc]").clicked() {
                cmds.push(Command::BackToTitle);
            }
        });
        return;
    };
    egui::Panel::bottom("briefing_bottom").show(ui, |ui| {
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            if ui.button("Back  [Esc]").clicked() {
                cmds.push(Command::NewGame);
            }
            if ui
                .add(egui::Button::new(
                    RichText::new("Start week 1  [Enter]").strong(),
                ))
                .clicked()
            {
                cmds.push(Command::BeginPlaying);
            }
            ui.label(RichText::new(path.display().to_string()).weak());
        });
        ui.add_space(4.0);
    });
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            briefing_body(ui, sc);
        });
    });
}

fn briefing_body(ui: &mut Ui, sc: &Scenario) {
    let r = &sc.raw;
    ui.heading(RichText::new(&r.title).size(26.0));
    ui.label(format!(
        "{} weeks · difficulty {} of 5 · seed {}",
        r.weeks, r.difficulty, r.seed
    ));
    section(ui, "The situation");
    let text = if r.briefing.trim().is_empty() {
        &r.lesson
    } else {
        &r.briefing
    };
    ui.label(text.trim());
    section(ui, "Your goals");
    if r.objectives.is_empty() {
        ui.label("Keep the products healthy and the people growing; the scores below say how.");
    }
    for o in &sc.objectives {
        let product = r
            .products
            .get(o.product.0 as usize)
            .map(|p| {
                if p.name.is_empty() {
                    p.id.as_str()
                } else {
                    p.name.as_str()
                }
            })
            .unwrap_or("the product");
        ui.label(format!(
            "• {} of {product}: reach {} (weight {:.0}%)",
            metric_label(o.metric),
            metric_value(o.metric, o.target),
            o.weight * 100.0
        ));
    }
    section(ui, "Your organization");
    for t in &sc.teams {
        let n = sc.people.iter().filter(|p| p.team == t.id).count();
        ui.label(format!("• {} — {n} people", t.raw.name));
    }
    section(ui, "Stakeholders");
    if r.stakeholders.is_empty() {
        ui.label("None in this scenario.");
    }
    for s in &r.stakeholders {
        let role = s.role.label().to_string();
        let name = if s.name.is_empty() {
            s.id.clone()
        } else {
            s.name.clone()
        };
        let who = if name.contains('(') {
            name
        } else {
            format!("{name} ({role})")
        };
        ui.label(format!(
            "• {who} — power {:.0}%, waterfall pressure {:.0}%",
            s.power * 100.0,
            s.waterfall * 100.0
        ));
    }
    section(ui, "How you are scored");
    ui.label("Culture (0–100): information flow (Westrum), psychological safety, engagement, retention, wellbeing and growth.");
    ui.label("Product success (0–100): outcomes against the goals, customers, quality, finances and stakeholder trust.");
    ui.label("50 is par: a culture part at 50 is what a caretaker would have achieved with the same people and luck; a product part at 50 is where the product stood at the start. Above 50 you did better.");
    ui.label("The final score blends the whole run with the last weeks, after an 8-week epilogue in which a caretaker runs the org: shortcuts that only hold while you push them show up there.");
    ui.label("Every week you have attention points (AP), political capital (PC) and a budget. Actions cost them; the debrief shows what moved each score and why.");
}

/// A metric in plain words.
pub fn metric_label(m: crate::scenario::Metric) -> &'static str {
    use crate::scenario::Metric::*;
    match m {
        Activation => "Activation",
        MonthlyChurn => "Monthly churn",
        Retention6m => "6-month retention",
        Revenue => "Weekly revenue",
        Nps => "NPS",
        Pmf => "Product-market fit",
        Users => "Users",
    }
}

/// A metric's value in its usual unit.
pub fn metric_value(m: crate::scenario::Metric, v: f64) -> String {
    use crate::scenario::Metric::*;
    match m {
        Activation | MonthlyChurn | Retention6m | Pmf => format!("{:.1}%", v * 100.0),
        Revenue => super::widgets::money(v),
        Nps => format!("{v:.0}"),
        Users => format!("{v:.0}"),
    }
}

//! Small shared widgets: the colour-safe palette, meters with tooltips, score deltas, and the
//! keyboard-shortcut badge.

use bevy_egui::egui::{self, Color32, RichText, Ui};

/// Okabe–Ito colours: distinguishable with every common colour-vision deficiency. Every use
/// also carries a text label, so colour is never the only signal.
pub mod palette {
    use super::Color32;
    pub const BLUE: Color32 = Color32::from_rgb(0x00, 0x72, 0xB2);
    pub const ORANGE: Color32 = Color32::from_rgb(0xE6, 0x9F, 0x00);
    pub const SKY: Color32 = Color32::from_rgb(0x56, 0xB4, 0xE9);
    pub const GREEN: Color32 = Color32::from_rgb(0x00, 0x9E, 0x73);
    pub const YELLOW: Color32 = Color32::from_rgb(0xF0, 0xE4, 0x42);
    pub const VERMILLION: Color32 = Color32::from_rgb(0xD5, 0x5E, 0x00);
    pub const PURPLE: Color32 = Color32::from_rgb(0xCC, 0x79, 0xA7);
}

/// Whether a high meter value is good or bad (it sets the colour ramp and the word).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Good {
    High,
    Low,
}

/// A word for a 0–100 level, from the player's point of view.
pub fn level_word(v: f64, good: Good) -> &'static str {
    let g = if good == Good::High { v } else { 100.0 - v };
    if g >= 70.0 {
        "good"
    } else if g >= 45.0 {
        "fair"
    } else if g >= 25.0 {
        "poor"
    } else {
        "critical"
    }
}

/// The colour of a 0–100 level's word (good blue, fair sky, poor orange, bad vermillion).
pub fn level_colour(v: f64, good: Good) -> Color32 {
    match level_word(v, good) {
        "good" => palette::BLUE,
        "fair" => palette::SKY,
        "poor" => palette::ORANGE,
        _ => palette::VERMILLION,
    }
}

/// A labelled 0–100 meter: bar, number and word, with `tip` explaining what it measures.
pub fn meter(ui: &mut Ui, label: &str, v: f64, good: Good, tip: &str) {
    let v = if v.is_finite() {
        v.clamp(0.0, 100.0)
    } else {
        0.0
    };
    ui.horizontal(|ui| {
        ui.add_sized([112.0, 16.0], egui::Label::new(label).truncate())
            .on_hover_text(tip);
        let bar = egui::ProgressBar::new((v / 100.0) as f32)
            .desired_width(90.0)
            .desired_height(12.0)
            .fill(level_colour(v, good));
        ui.add(bar).on_hover_text(tip);
        ui.label(format!("{v:.0} {}", level_word(v, good)))
            .on_hover_text(tip);
    });
}

/// A signed change, coloured (never colour alone: the sign is always shown).
pub fn delta(ui: &mut Ui, d: f64) {
    // The sign carries the direction in text; colour only repeats it.
    let c = if d > 0.05 {
        palette::BLUE
    } else if d < -0.05 {
        palette::VERMILLION
    } else {
        Color32::GRAY
    };
    let text = if d.abs() < 0.05 {
        "±0.0".to_string()
    } else {
        format!("{d:+.1}")
    };
    ui.label(RichText::new(text).color(c));
}

/// A shortcut badge shown beside a button: `[E]`.
pub fn key(k: &str) -> RichText {
    RichText::new(format!("[{k}]")).monospace().weak()
}

/// A heading with a little space above.
pub fn section(ui: &mut Ui, text: &str) {
    ui.add_space(6.0);
    ui.label(RichText::new(text).strong().size(15.0));
}

/// Money in a short form: $12.3k, $1.20M.
pub fn money(v: f64) -> String {
    if v.abs() >= 1e6 {
        format!("${:.2}M", v / 1e6)
    } else if v.abs() >= 1e3 {
        format!("${:.1}k", v / 1e3)
    } else {
        format!("${v:.0}")
    }
}

/// A cost in the units the player spends.
pub fn cost_text(c: &crate::sim::Cost) -> String {
    let mut parts = Vec::new();
    if c.ap.abs() > 1e-9 {
        parts.push(format!("{:.1} AP", c.ap));
    }
    if c.pc > 1e-9 {
        parts.push(format!("{:.1} PC", c.pc));
    } else if c.pc < -1e-9 {
        parts.push(format!("earns {:.1} PC", -c.pc));
    }
    if c.money > 1e-9 {
        parts.push(money(c.money));
    }
    if parts.is_empty() {
        "free".into()
    } else {
        parts.join(" · ")
    }
}

/// Lays cards out in rows that fit the available width (egui's wrapping layouts do not wrap
/// framed groups).
pub fn card_rows<T>(ui: &mut Ui, items: &[T], card_width: f32, mut card: impl FnMut(&mut Ui, &T)) {
    let per_row = ((ui.available_width() + 8.0) / (card_width + 20.0))
        .floor()
        .max(1.0) as usize;
    for row in items.chunks(per_row) {
        ui.horizontal_top(|ui| {
            for item in row {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(card_width);
                    ui.vertical(|ui| card(ui, item));
                });
            }
        });
    }
}

/// Text for egui's built-in fonts, which lack a few arrows: "→" becomes "->".
pub fn plain(s: &str) -> String {
    s.replace('→', "->").replace('↔', "<->")
}

//! People drawn procedurally for the org map: a face and shoulders whose look follows who the
//! person is (role, a stable per-person appearance) and how they are this week (tired,
//! engaged, new, leaving, away). No art files: a few circles, lines and rounded rectangles.

use bevy_egui::egui::{self, Color32, CornerRadius, Painter, Pos2, Shape, Stroke, vec2};

use super::widgets::palette;
use crate::model::domain::Role;
use crate::model::rng::splitmix64;

/// Everything the drawing needs to know about one person.
#[derive(Clone, Debug, PartialEq)]
pub struct Look {
    /// Shirt colour: the role.
    pub shirt: Color32,
    pub skin: Color32,
    pub hair: Color32,
    /// 0 short, 1 long, 2 buns, 3 none, 4 curls.
    pub hair_style: u8,
    /// −1 (disengaged) to 1 (engaged): the mouth.
    pub mood: f32,
    /// 0 (rested) to 1 (exhausted): eyelids, a grey cast, and "z" above the head when high.
    pub tired: f32,
    /// Arrived recently and still ramping up: a green badge.
    pub new: bool,
    /// Has resigned: a suitcase beside them.
    pub leaving: bool,
    /// Away or lent to another team this week: drawn faded.
    pub away: bool,
    /// Said they might leave (revealed in a 1:1): an orange ring.
    pub at_risk: bool,
    /// A revealed brilliant jerk: a small red spike badge.
    pub jerk: bool,
    pub contractor: bool,
    pub selected: bool,
    /// 0–1: fades the whole figure in (new this week) or out.
    pub opacity: f32,
}

/// The shirt colour of a role (Okabe–Ito, so roles stay distinguishable for colour-blind
/// players; the tooltip names the role too).
pub fn role_colour(role: Role) -> Color32 {
    match role {
        Role::Engineer => palette::BLUE,
        Role::Designer => palette::PURPLE,
        Role::Pm => palette::ORANGE,
        Role::Em => palette::GREEN,
        Role::Analyst => palette::YELLOW,
        Role::Qa => palette::SKY,
    }
}

const SKIN: [Color32; 6] = [
    Color32::from_rgb(0xF5, 0xD0, 0xB0),
    Color32::from_rgb(0xE8, 0xB9, 0x8F),
    Color32::from_rgb(0xC9, 0x93, 0x6B),
    Color32::from_rgb(0xA8, 0x72, 0x4E),
    Color32::from_rgb(0x7D, 0x52, 0x37),
    Color32::from_rgb(0x5B, 0x3A, 0x29),
];
const HAIR: [Color32; 6] = [
    Color32::from_rgb(0x22, 0x1A, 0x14),
    Color32::from_rgb(0x4A, 0x30, 0x1E),
    Color32::from_rgb(0x8A, 0x5A, 0x2B),
    Color32::from_rgb(0xC8, 0x9B, 0x4E),
    Color32::from_rgb(0x9A, 0x9A, 0x9A),
    Color32::from_rgb(0xA0, 0x3A, 0x1E),
];

/// A stable appearance (skin, hair colour, hair style) from a person's name and id: the same
/// person looks the same every week and in every game of the scenario. It never touches the
/// simulation's random streams.
pub fn appearance(name: &str, id: u32) -> (Color32, Color32, u8) {
    let mut h = splitmix64(0x0A7A_7A25 ^ u64::from(id));
    for b in name.bytes() {
        h = splitmix64(h ^ u64::from(b));
    }
    let skin = SKIN[(h % SKIN.len() as u64) as usize];
    let hair = HAIR[((h >> 8) % HAIR.len() as u64) as usize];
    let style = ((h >> 16) % 5) as u8;
    (skin, hair, style)
}

/// Draws one person centred on `c`, `s` pixels tall.
pub fn paint(painter: &Painter, c: Pos2, s: f32, look: &Look) {
    let a = look.opacity * if look.away { 0.45 } else { 1.0 };
    let fade = |col: Color32| col.gamma_multiply(a);
    // Exhaustion greys the face and shirt a little: the state is visible at a glance.
    let tired_cast =
        |col: Color32| lerp_colour(col, Color32::from_rgb(0x8C, 0x92, 0x9C), look.tired * 0.35);
    let head_c = c + vec2(0.0, -0.14 * s);
    let head_r = 0.2 * s;
    if look.selected {
        painter.circle_stroke(
            c + vec2(0.0, -0.02 * s),
            0.5 * s,
            Stroke::new(2.5, fade(Color32::WHITE)),
        );
    }
    if look.at_risk {
        painter.circle_stroke(
            c + vec2(0.0, -0.02 * s),
            0.46 * s,
            Stroke::new(2.0, fade(palette::ORANGE)),
        );
    }
    // Long hair falls behind the shoulders.
    if look.hair_style == 1 {
        painter.rect_filled(
            egui::Rect::from_center_size(head_c + vec2(0.0, 0.12 * s), vec2(0.46 * s, 0.36 * s)),
            CornerRadius::same((0.12 * s) as u8),
            fade(look.hair),
        );
    }
    // Shoulders: a rounded block in the role's colour.
    let body = egui::Rect::from_min_max(c + vec2(-0.34 * s, 0.1 * s), c + vec2(0.34 * s, 0.42 * s));
    let r = (0.16 * s) as u8;
    painter.rect_filled(
        body,
        CornerRadius {
            nw: r,
            ne: r,
            sw: 2,
            se: 2,
        },
        fade(tired_cast(look.shirt)),
    );
    if look.contractor {
        // A lanyard badge: contractors wear a visitor's pass.
        painter.rect_filled(
            egui::Rect::from_center_size(c + vec2(0.12 * s, 0.27 * s), vec2(0.1 * s, 0.12 * s)),
            CornerRadius::same(1),
            fade(Color32::WHITE),
        );
    }
    // Hair on top, then the face over it.
    match look.hair_style {
        0 | 1 => {
            painter.circle_filled(
                head_c + vec2(0.0, -0.04 * s),
                head_r * 1.05,
                fade(look.hair),
            );
        }
        2 => {
            painter.circle_filled(
                head_c + vec2(0.0, -0.22 * s),
                head_r * 0.45,
                fade(look.hair),
            );
            painter.circle_filled(
                head_c + vec2(0.0, -0.03 * s),
                head_r * 1.02,
                fade(look.hair),
            );
        }
        4 => {
            for dx in [-0.13, -0.04, 0.05, 0.14] {
                painter.circle_filled(
                    head_c + vec2(dx * s, -0.14 * s),
                    head_r * 0.42,
                    fade(look.hair),
                );
            }
        }
        _ => {}
    }
    painter.circle_filled(
        head_c + vec2(0.0, 0.02 * s),
        head_r * 0.92,
        fade(tired_cast(look.skin)),
    );
    // Eyes: open dots when rested, heavy lids when tired, closed lines when exhausted.
    let eye_y = head_c.y + 0.0 * s;
    let ink = fade(Color32::from_rgb(0x20, 0x20, 0x24));
    for dx in [-0.07 * s, 0.07 * s] {
        let e = Pos2::new(head_c.x + dx, eye_y);
        if look.tired > 0.6 {
            painter.line_segment(
                [e + vec2(-0.03 * s, 0.0), e + vec2(0.03 * s, 0.0)],
                Stroke::new(1.2, ink),
            );
        } else {
            painter.circle_filled(e, (0.022 * s).max(1.2), ink);
            if look.tired > 0.35 {
                painter.line_segment(
                    [
                        e + vec2(-0.035 * s, -0.02 * s),
                        e + vec2(0.035 * s, -0.02 * s),
                    ],
                    Stroke::new(1.0, ink),
                );
            }
        }
    }
    // Mouth: a smile, a flat line or a frown.
    let m = head_c + vec2(0.0, 0.09 * s);
    let bend = look.mood.clamp(-1.0, 1.0) * 0.04 * s;
    painter.add(Shape::line(
        vec![
            m + vec2(-0.06 * s, 0.0),
            m + vec2(0.0, bend),
            m + vec2(0.06 * s, 0.0),
        ],
        Stroke::new(1.2, ink),
    ));
    let badge_r = (0.1 * s).max(3.5);
    if look.new {
        painter.circle_filled(c + vec2(0.3 * s, -0.34 * s), badge_r, fade(palette::GREEN));
        painter.circle_filled(
            c + vec2(0.3 * s, -0.34 * s),
            badge_r * 0.4,
            fade(Color32::WHITE),
        );
    }
    if look.jerk {
        let p = c + vec2(-0.32 * s, -0.34 * s);
        painter.add(Shape::convex_polygon(
            vec![
                p + vec2(0.0, -badge_r * 1.2),
                p + vec2(badge_r, badge_r * 0.8),
                p + vec2(-badge_r, badge_r * 0.8),
            ],
            fade(palette::VERMILLION),
            Stroke::NONE,
        ));
    }
    if look.leaving {
        // A suitcase by their side.
        let b = egui::Rect::from_center_size(c + vec2(0.42 * s, 0.3 * s), vec2(0.22 * s, 0.16 * s));
        painter.rect_filled(
            b,
            CornerRadius::same(2),
            fade(Color32::from_rgb(0x8B, 0x5A, 0x2B)),
        );
        painter.rect_stroke(
            egui::Rect::from_center_size(
                b.center_top() + vec2(0.0, -0.03 * s),
                vec2(0.08 * s, 0.06 * s),
            ),
            CornerRadius::same(1),
            Stroke::new(1.0, fade(Color32::from_rgb(0x8B, 0x5A, 0x2B))),
            egui::StrokeKind::Outside,
        );
    }
    if look.tired > 0.75 && s >= 26.0 {
        painter.text(
            head_c + vec2(0.26 * s, -0.26 * s),
            egui::Align2::CENTER_CENTER,
            "z",
            egui::FontId::proportional(0.22 * s),
            fade(palette::SKY),
        );
    }
}

fn lerp_colour(a: Color32, b: Color32, t: f32) -> Color32 {
    let t = t.clamp(0.0, 1.0);
    let mix = |x: u8, y: u8| (f32::from(x) + (f32::from(y) - f32::from(x)) * t).round() as u8;
    Color32::from_rgb(mix(a.r(), b.r()), mix(a.g(), b.g()), mix(a.b(), b.b()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appearance_is_stable_and_varies_between_people() {
        assert_eq!(appearance("Ana", 1), appearance("Ana", 1));
        let looks: std::collections::BTreeSet<String> =
            ["Ana", "Bo", "Chen", "Dara", "Eli", "Fay", "Gus", "Hana"]
                .iter()
                .enumerate()
                .map(|(i, n)| format!("{:?}", appearance(n, i as u32)))
                .collect();
        assert!(
            looks.len() >= 6,
            "eight people, {} distinct looks",
            looks.len()
        );
    }
}

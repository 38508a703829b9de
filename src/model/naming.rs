//! Names for what the simulation creates during a game: people who join (hires and contractors)
//! and the ideas a team comes up with in discovery. A name is chosen from the id alone (never
//! from a random stream, so no draw moves) and skips names already taken in the organisation.

/// First names for people who join during a game: short, from many places, none repeated.
pub const FIRST_NAMES: &[&str] = &[
    "Noor", "Mateo", "Aiko", "Bram", "Chiara", "Dmitri", "Esi", "Farid", "Greta", "Hamid", "Ilse",
    "Joao", "Kaveh", "Lena", "Malik", "Nadia", "Oskar", "Priya", "Quinn", "Rafael", "Sanne",
    "Tariq", "Ulla", "Viktor", "Wanjiru", "Ximena", "Yusuf", "Zofia", "Amara", "Bodhi", "Camille",
    "Dario", "Elif", "Finn", "Gaia", "Hugo", "Ines", "Jonas", "Kirra", "Luca", "Mirela", "Nils",
    "Olu", "Paloma", "Rhea", "Soren", "Thandi", "Uma", "Vesna", "Wei", "Yara", "Zeno", "Anouk",
    "Bilal", "Cleo", "Daan", "Emeka", "Frida", "Goran", "Hana", "Ivo", "Jana", "Kofi", "Leila",
    "Milan", "Nea", "Omar", "Pia", "Ravi", "Sina", "Timo", "Vera", "Wren", "Xiu", "Yosef", "Zara",
    "Arjun", "Britt", "Cyrus", "Dalia",
];

/// Ideas a team's discovery comes up with, named as product bets are.
pub const IDEA_NAMES: &[&str] = &[
    "Smarter search suggestions",
    "One-click reorder",
    "Onboarding checklist",
    "Usage-based pricing trial",
    "Saved filters",
    "Weekly digest email",
    "Referral rewards",
    "In-app help centre",
    "Offline mode",
    "Bulk editing",
    "Team workspaces",
    "Guided setup",
    "Self-serve refunds",
    "Usage insights page",
    "Faster sign-up",
    "Price alerts",
    "Loyalty points",
    "Live chat support",
    "Personal recommendations",
    "Calendar sync",
    "Spreadsheet import",
    "Two-step login",
    "Accessibility pass",
    "Local payment methods",
    "Shareable wishlists",
    "Order tracking",
    "Annual plan discount",
    "Dark mode",
    "Smart notifications",
    "Public API keys",
    "Activity feed",
    "Trial extension offer",
    "Mobile quick actions",
    "Cancellation survey",
    "Team templates",
    "Automatic backups",
];

/// A name for the `n`th thing created from `list`, not one of `taken`: the walk starts at a
/// place fixed by `n` (a stride that visits every entry) and takes the first free name; when
/// every name is taken it numbers them ("Noor 2").
pub fn pick(list: &[&str], n: u32, taken: &dyn Fn(&str) -> bool) -> String {
    let len = list.len().max(1);
    // 7 is coprime with the list lengths used here, so the walk visits every entry.
    let start = (n as usize).wrapping_mul(7) % len;
    for k in 0..len {
        let name = list[(start + k) % len];
        if !taken(name) {
            return name.to_string();
        }
    }
    for round in 2.. {
        for k in 0..len {
            let name = format!("{} {round}", list[(start + k) % len]);
            if !taken(&name) {
                return name;
            }
        }
    }
    unreachable!("the numbered names are unbounded")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_fixed_by_the_id_and_skip_the_taken_ones() {
        assert_eq!(
            pick(FIRST_NAMES, 3, &|_| false),
            pick(FIRST_NAMES, 3, &|_| false)
        );
        let first = pick(FIRST_NAMES, 3, &|_| false);
        let second = pick(FIRST_NAMES, 3, &|n| n == first);
        assert_ne!(first, second);
        // Every name taken: numbered, still free.
        let all = pick(IDEA_NAMES, 5, &|n| IDEA_NAMES.contains(&n));
        assert!(all.ends_with(" 2"), "{all}");
    }

    #[test]
    fn the_lists_have_no_repeats_and_the_stride_visits_every_entry() {
        for list in [FIRST_NAMES, IDEA_NAMES] {
            let mut seen = std::collections::BTreeSet::new();
            for x in list {
                assert!(seen.insert(*x), "{x} twice");
            }
            assert_ne!(
                list.len() % 7,
                0,
                "the stride must be coprime with the length"
            );
        }
    }
}

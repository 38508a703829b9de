//! Id-based access to simulation entities through the `Index` maps: the one place that knows
//! how a stable id becomes an entity and a component.

use std::collections::BTreeMap;

use bevy::ecs::component::Mutable;
use bevy::prelude::*;

use super::state::*;
use crate::model::{DependencyId, InitiativeId, PersonId, ProductId, StakeholderId, TeamId};

/// A component reachable by its stable id through one of the `Index` maps.
pub trait Indexed: Component<Mutability = Mutable> + Sized {
    type Id: Ord + Copy;
    fn map(index: &Index) -> &BTreeMap<Self::Id, Entity>;
}

macro_rules! indexed {
    ($($t:ty => $id:ty, $field:ident;)*) => {$(
        impl Indexed for $t {
            type Id = $id;
            fn map(index: &Index) -> &BTreeMap<$id, Entity> {
                &index.$field
            }
        }
    )*};
}

indexed! {
    Person => PersonId, people;
    PersonDrivers => PersonId, people;
    Temperament => PersonId, people;
    Team => TeamId, teams;
    Initiative => InitiativeId, initiatives;
    Dependency => DependencyId, dependencies;
    Stakeholder => StakeholderId, stakeholders;
    Product => ProductId, products;
}

/// The component with this id, if it exists.
pub fn get<T: Indexed>(world: &World, id: T::Id) -> Option<&T> {
    let e = *T::map(world.resource::<Index>()).get(&id)?;
    world.get::<T>(e)
}

/// Mutable access to the component with this id, if it exists.
pub fn get_mut<T: Indexed>(world: &mut World, id: T::Id) -> Option<Mut<'_, T>> {
    let e = *T::map(world.resource::<Index>()).get(&id)?;
    world.get_mut::<T>(e)
}

/// Runs `f` on the component with this id (a no-op if it is gone).
pub fn with<T: Indexed>(world: &mut World, id: T::Id, f: impl FnOnce(&mut T)) {
    if let Some(mut c) = get_mut::<T>(world, id) {
        f(&mut c);
    }
}

/// Runs `f` on every component of this kind, in stable-id order.
pub fn for_each<T: Indexed>(world: &mut World, mut f: impl FnMut(&mut T)) {
    let entities: Vec<Entity> = T::map(world.resource::<Index>())
        .values()
        .copied()
        .collect();
    for e in entities {
        if let Some(mut c) = world.get_mut::<T>(e) {
            f(&mut c);
        }
    }
}

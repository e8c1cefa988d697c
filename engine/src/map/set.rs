//! Sets of provinces and locations as 128-bit masks.

use super::{Location, Province};

macro_rules! id_set {
    ($(#[$doc:meta])* $name:ident, $id:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        pub struct $name(pub u128);

        impl $name {
            /// The empty set.
            pub const EMPTY: $name = $name(0);

            /// Whether `x` is in the set.
            #[inline]
            pub fn contains(self, x: $id) -> bool {
                self.0 >> x.0 & 1 == 1
            }

            /// Adds `x`.
            #[inline]
            pub fn insert(&mut self, x: $id) {
                self.0 |= 1u128 << x.0;
            }

            /// Removes `x`.
            #[inline]
            pub fn remove(&mut self, x: $id) {
                self.0 &= !(1u128 << x.0);
            }

            /// Whether the set is empty.
            #[inline]
            pub fn is_empty(self) -> bool {
                self.0 == 0
            }

            /// Number of members.
            #[inline]
            pub fn len(self) -> usize {
                self.0.count_ones() as usize
            }

            /// Members in increasing order.
            pub fn iter(self) -> impl Iterator<Item = $id> {
                let mut bits = self.0;
                std::iter::from_fn(move || {
                    if bits == 0 {
                        return None;
                    }
                    let i = bits.trailing_zeros() as u8;
                    bits &= bits - 1;
                    Some($id(i))
                })
            }
        }

        impl std::ops::BitOr for $name {
            type Output = $name;
            fn bitor(self, o: $name) -> $name {
                $name(self.0 | o.0)
            }
        }

        impl std::ops::BitAnd for $name {
            type Output = $name;
            fn bitand(self, o: $name) -> $name {
                $name(self.0 & o.0)
            }
        }

        impl std::ops::BitOrAssign for $name {
            fn bitor_assign(&mut self, o: $name) {
                self.0 |= o.0;
            }
        }

        impl std::ops::Not for $name {
            type Output = $name;
            fn not(self) -> $name {
                $name(!self.0)
            }
        }

        impl FromIterator<$id> for $name {
            fn from_iter<I: IntoIterator<Item = $id>>(it: I) -> $name {
                let mut s = $name::EMPTY;
                for x in it {
                    s.insert(x);
                }
                s
            }
        }
    };
}

id_set!(
    /// A set of provinces.
    ProvinceSet,
    Province
);
id_set!(
    /// A set of locations.
    LocationSet,
    Location
);

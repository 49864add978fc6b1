//! calamine panics on some damaged files instead of returning an error (a truncated .xls:
//! "slice index starts at 52224 but ends at 52034" in its compound-file reader). A damaged file
//! is bad input, not a crash: the reading runs under [`catching`], its panic becomes the file's
//! error (exit 2), and the panic message is not printed over it.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// Set while this thread reads a file under [`catching`]: its panic is reported, not printed.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}
static HOOK: Once = Once::new();

/// `f()`, or the message of the panic it raised.
pub fn catching<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info)
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let r = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was));
    r.map_err(|e| {
        e.downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| e.downcast_ref::<String>().cloned())
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message_and_the_hook_stays_for_others() {
        assert_eq!(catching(|| 7), Ok(7));
        let v: Vec<u8> = vec![1, 2];
        let i = v.len() + 3;
        assert_eq!(
            catching(|| v[..i].len()).unwrap_err(),
            "range end index 5 out of range for slice of length 2"
        );
        assert!(!QUIET.with(Cell::get));
    }
}

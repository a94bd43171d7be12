/* The C API of openlock: opaque handles, JSON strings in and out, so Python (ctypes), Go (cgo) or
 * Rust can bind to the library. Every returned string is owned by the caller and freed with
 * openlock_free. No function aborts or throws on bad input: a NULL result comes with an error
 * message in *error (when error is not NULL; free it with openlock_free too).
 * Thread safety: an auditor handle is used by one thread at a time; the other functions may be
 * called from any thread. */
#ifndef OPENLOCK_OPENLOCK_H
#define OPENLOCK_OPENLOCK_H

#include "openlock/export.hpp"

#ifdef __cplusplus
extern "C" {
#endif

/** An auditor: rules loaded and options set, ready to audit. */
typedef struct openlock_auditor openlock_auditor;

/** Creates an auditor from JSON options: {"targets": ["dir", ...], "rule_dirs": [...],
 *  "config": "file", "jobs": N, "max_file_size": N}. NULL (and *error) on malformed options. */
OPENLOCK_API openlock_auditor* openlock_auditor_new(const char* options_json, char** error);

/** Runs the audit and returns the JSON report (docs/report-json.md), or NULL and *error when the
 *  audit cannot start (a missing target, a rule pack that does not load). */
OPENLOCK_API char* openlock_audit(openlock_auditor* auditor, char** error);

/** Releases an auditor (NULL is fine). */
OPENLOCK_API void openlock_auditor_free(openlock_auditor* auditor);

/** Parses an SPDX expression: JSON {"expression", "valid_spdx", "osi_approved", "kind",
 *  "licenses", "error": {"message", "column"}}. */
OPENLOCK_API char* openlock_license_expression(const char* expression);

/** Names the license of a text: JSON {"status", "license": {"id", "name", "kind", ...},
 *  "similarity", "added": [...], "candidates": [...]}. */
OPENLOCK_API char* openlock_identify_license(const char* text);

/** The library version, "major.minor.patch" (static storage: do not free). */
OPENLOCK_API const char* openlock_version(void);

/** Frees a string this API returned (NULL is fine). */
OPENLOCK_API void openlock_free(char* text);

#ifdef __cplusplus
}
#endif

#endif /* OPENLOCK_OPENLOCK_H */

/* The C API from C: audit the demo repository, parse an expression, identify a text, and the
 * error paths. Exits non-zero with a message on the first failure. */
#include <openlock/openlock.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;
#define CHECK(cond, what)                             \
  do {                                                \
    if (!(cond)) {                                    \
      fprintf(stderr, "capi_test: FAILED: %s\n", what); \
      ++failures;                                     \
    }                                                 \
  } while (0)

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  char options[4096];
  snprintf(options, sizeof options, "{\"targets\": [\"%s/examples/demo-repo\"], \"jobs\": 2}", argv[1]);
  char* error = NULL;
  openlock_auditor* auditor = openlock_auditor_new(options, &error);
  CHECK(auditor != NULL && error == NULL, "auditor from good options");
  char* report = openlock_audit(auditor, &error);
  CHECK(report != NULL, "audit returns a report");
  CHECK(report && strstr(report, "\"lockin\"") && strstr(report, "Acme-7B-Chat"), "the report is the JSON report");
  openlock_free(report);
  openlock_auditor_free(auditor);

  openlock_auditor* missing = openlock_auditor_new("{\"targets\": [\"/no/such/dir\"]}", NULL);
  CHECK(openlock_audit(missing, &error) == NULL && error && strstr(error, "/no/such/dir"), "a missing target is an error");
  openlock_free(error);
  error = NULL;
  openlock_auditor_free(missing);
  CHECK(openlock_auditor_new("{not json", &error) == NULL && error != NULL, "malformed options are an error");
  openlock_free(error);

  char* expr = openlock_license_expression("apache-2.0 OR MIT");
  CHECK(expr && strstr(expr, "\"Apache-2.0 OR MIT\"") && strstr(expr, "\"valid_spdx\":true"), "expression parsed");
  openlock_free(expr);
  char* bad = openlock_license_expression("Apache-2.0 ANDD MIT");
  CHECK(bad && strstr(bad, "\"column\":12"), "expression error with its column");
  openlock_free(bad);
  char* id = openlock_identify_license("too short");
  CHECK(id && strstr(id, "\"status\":\"unknown\""), "a short text is unknown");
  openlock_free(id);
  CHECK(strcmp(openlock_version(), "0.1.0") >= 0, "a version");
  openlock_free(NULL);
  openlock_auditor_free(NULL);
  if (!failures) printf("capi_test: ok\n");
  return failures ? 1 : 0;
}

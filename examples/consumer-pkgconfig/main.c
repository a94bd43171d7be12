/* A C program that uses an installed openlock through pkg-config and the C API:
 * prints the lock-in section of a directory's JSON report. Build: see Makefile. */
#include <openlock/openlock.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: consumer DIR\n");
    return 2;
  }
  char options[4096];
  snprintf(options, sizeof options, "{\"targets\": [\"%s\"]}", argv[1]);
  char* error = NULL;
  openlock_auditor* auditor = openlock_auditor_new(options, &error);
  char* report = auditor ? openlock_audit(auditor, &error) : NULL;
  if (!report) {
    fprintf(stderr, "openlock: %s\n", error ? error : "failed");
    openlock_free(error);
    openlock_auditor_free(auditor);
    return 2;
  }
  const char* lockin = strstr(report, "\"lockin\"");
  printf("openlock %s: %.60s...\n", openlock_version(), lockin ? lockin : report);
  openlock_free(report);
  openlock_auditor_free(auditor);
  return 0;
}

// Embeds openlock: audits a directory, prints each model's license and openness and the lock-in
// levels, then names a license text and explains an SPDX expression — no shell, no CLI.
#include <openlock/openlock.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: consumer DIR [LICENSE_FILE]\n";
    return 2;
  }
  openlock::AuditOptions options;
  options.targets = {argv[1]};
  std::size_t streamed = 0;
  options.on_finding = [&](const openlock::Finding&) { ++streamed; };
  openlock::AuditResult result;
  openlock::AuditError error;
  if (!openlock::Auditor(options).audit(result, error)) {
    std::cerr << "audit failed: " << error.message << "\n";
    return 2;
  }
  for (const auto& m : result.models)
    std::cout << "model " << m.name << ": " << m.license.expression << " (" << m.license.kind << "), MOF class "
              << m.openness.model_class << ", openness " << m.openness.score << "/100\n";
  std::cout << "hardware lock-in: " << result.lockin.hardware.level << "\n";
  std::cout << "findings: " << result.findings.size() << " (streamed " << streamed << ")\n";
  if (argc > 2) {
    std::ifstream in(argv[2]);
    std::stringstream text;
    text << in.rdbuf();
    auto id = openlock::identify_license(text.str());
    std::cout << "license text: " << id.status << (id.license ? " " + id.license->expression : std::string()) << "\n";
  }
  auto explained = openlock::explain_license("llama3.1");
  std::cout << "llama3.1: " << explained.expression << ", " << explained.kind << ", " << explained.clauses.size()
            << " clauses\n";
  std::cout << "openlock " << openlock::version() << "\n";
  return 0;
}

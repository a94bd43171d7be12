// One function per report format; render() in render.cpp dispatches to them.
#pragma once

#include <ostream>

#include "openlock/report.hpp"

namespace openlock {
void render_text(const AuditResult& result, std::ostream& out, const RenderOptions& options);
void render_json(const AuditResult& result, std::ostream& out);
void render_sarif(const AuditResult& result, std::ostream& out);
void render_markdown(const AuditResult& result, std::ostream& out);
void render_junit(const AuditResult& result, std::ostream& out, Severity fail_on);
void render_cyclonedx(const AuditResult& result, std::ostream& out);
void render_html(const AuditResult& result, std::ostream& out);
}  // namespace openlock

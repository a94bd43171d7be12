#include "openlock/report.hpp"
#include "report/reporters.hpp"

namespace openlock {

std::optional<Format> parse_format(std::string_view name) {
  if (name == "text") return Format::text;
  if (name == "json") return Format::json;
  if (name == "sarif") return Format::sarif;
  if (name == "markdown") return Format::markdown;
  if (name == "junit") return Format::junit;
  if (name == "cyclonedx") return Format::cyclonedx;
  if (name == "html") return Format::html;
  return std::nullopt;
}

void render(const AuditResult& result, Format format, std::ostream& out, const RenderOptions& options) {
  switch (format) {
    case Format::text: render_text(result, out, options); return;
    case Format::json: render_json(result, out); return;
    case Format::sarif: render_sarif(result, out); return;
    case Format::markdown: render_markdown(result, out); return;
    case Format::junit: render_junit(result, out, options.fail_on); return;
    case Format::cyclonedx: render_cyclonedx(result, out); return;
    case Format::html: render_html(result, out); return;
  }
}

}  // namespace openlock

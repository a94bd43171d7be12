// Escaping shared by the XML and HTML reports.
#pragma once

#include <string>
#include <string_view>

namespace openlock {

/// Appends the entity of a character that is markup in XML and HTML (& < > " ') and returns
/// true; false, appending nothing, for any other character. `apostrophe` is the entity for '
/// (JUnit writes &apos;, HTML &#39;).
inline bool append_markup_entity(char32_t cp, std::string& out, std::string_view apostrophe) {
  switch (cp) {
    case '&': out += "&amp;"; return true;
    case '<': out += "&lt;"; return true;
    case '>': out += "&gt;"; return true;
    case '"': out += "&quot;"; return true;
    case '\'': out += apostrophe; return true;
    default: return false;
  }
}

}  // namespace openlock

// What a string literal in source code says, the same way for every language's lexer:
// an endpoint (http/ws URL host) or a model-name-like id. Only literals count, never comments.
#pragma once

#include <string>
#include <string_view>

namespace openlock {

/// The host of an http(s)/ws(s) URL literal, or "" when the literal is not such a URL.
inline std::string url_host(std::string_view s) {
  for (std::string_view scheme : {"https://", "http://", "wss://", "ws://"}) {
    if (!s.starts_with(scheme)) continue;
    std::string_view rest = s.substr(scheme.size());
    return std::string(rest.substr(0, rest.find_first_of("/:?#")));
  }
  return {};
}

/// An accelerator device string as PyTorch and friends spell it ("cuda", "cuda:0", "mps", "xpu:1",
/// "hpu", "npu", "xla"): the device name without its index, or "" when the literal is not one.
inline std::string device_name(std::string_view s) {
  std::string_view name = s.substr(0, s.find(':'));
  if (name.size() < s.size()) {  // "cuda:0": the index must be digits
    std::string_view index = s.substr(name.size() + 1);
    if (index.empty() || index.find_first_not_of("0123456789") != std::string_view::npos) return {};
  }
  for (std::string_view d : {"cuda", "mps", "xpu", "hpu", "npu", "xla", "rocm", "musa", "mlu"})
    if (name == d) return std::string(name);
  return {};
}

/// A short literal with letters and digits and no spaces, quotes, braces or '%': shaped like
/// a model id ("gpt-4o", "Qwen/Qwen2.5-7B"); rules decide which names matter.
inline bool looks_like_model_id(std::string_view s) {
  if (s.size() < 2 || s.size() > 100) return false;
  bool letter = false, digit = false;
  for (char c : s) {  // ASCII classes by hand: <cctype> asks the locale for every character
    unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 || c == '"' || c == '\'' || c == '{' || c == '}' || c == '%') return false;  // blanks, controls
    letter = letter || (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z');
    digit = digit || (u >= '0' && u <= '9');
  }
  return letter && digit && s.find("://") == std::string_view::npos;
}

}  // namespace openlock

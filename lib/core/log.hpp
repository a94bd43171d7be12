// The library's logger: spdlog, named "openlock", writing to stderr (never stdout, which
// carries reports). Callers may replace it by registering their own logger of that name.
#pragma once

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <mutex>
#include <string>

#include "core/utf8.hpp"

namespace openlock {
spdlog::logger& log();

/// The stderr sink of the "openlock" logger (the library's and the CLI's): messages name files
/// of the target, so each message goes out terminal_safe(), control characters as '?'; an
/// escape sequence in a file name cannot clear the screen or set the title of a terminal or CI log.
class SafeStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    const std::string payload = terminal_safe(std::string_view(msg.payload.data(), msg.payload.size()));
    spdlog::details::log_msg safe = msg;
    safe.payload = payload;
    spdlog::memory_buf_t line;
    formatter_->format(safe, line);
    std::fwrite(line.data(), 1, line.size(), stderr);
  }
  void flush_() override { std::fflush(stderr); }
};
}  // namespace openlock

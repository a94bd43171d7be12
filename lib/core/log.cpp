#include "core/log.hpp"

namespace openlock {

spdlog::logger& log() {
  static std::shared_ptr<spdlog::logger> logger = [] {
    if (auto existing = spdlog::get("openlock")) return existing;
    auto created = std::make_shared<spdlog::logger>("openlock", std::make_shared<SafeStderrSink>());
    created->set_level(spdlog::level::warn);
    created->set_pattern("openlock: %l: %v");
    spdlog::register_logger(created);
    return created;
  }();
  return *logger;
}

}  // namespace openlock

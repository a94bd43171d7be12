// The library's logger: spdlog, named "openlock", writing to stderr (never stdout, which
// carries reports). Callers may replace it by registering their own logger of that name.
#pragma once

#include <spdlog/spdlog.h>

namespace openlock {
spdlog::logger& log();
}

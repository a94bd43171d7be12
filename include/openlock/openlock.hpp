// Umbrella header of the openlock library.
#pragma once

#include "openlock/auditor.hpp"
#include "openlock/license.hpp"
#include "openlock/openness.hpp"
#include "openlock/report.hpp"
#include "openlock/result.hpp"
#include "openlock/rules.hpp"
#include "openlock/version.hpp"

// Symbol visibility for the openlock library: everything is hidden unless marked OPENLOCK_API.
#pragma once

#if defined(OPENLOCK_STATIC_DEFINE)
#define OPENLOCK_API
#elif defined(_WIN32)
#if defined(OPENLOCK_BUILDING)
#define OPENLOCK_API __declspec(dllexport)
#else
#define OPENLOCK_API __declspec(dllimport)
#endif
#else
#define OPENLOCK_API __attribute__((visibility("default")))
#endif

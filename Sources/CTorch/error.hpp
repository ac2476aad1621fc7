// The thread-local last-error slot and the guard that wraps every entry point.
#pragma once
#include <c10/util/Exception.h>
#include <exception>
#include <string>

namespace ctorch {
/// Stores a message as this thread's last error.
void set_error(const std::string &message);
/// Clears this thread's last error; called at the start of every guarded entry point.
void clear_error();
} // namespace ctorch

/// Runs BODY; a C++ exception becomes the thread's last error and the entry point returns FAILURE.
#define CTORCH_GUARD(BODY, FAILURE)                                                                \
  ctorch::clear_error();                                                                           \
  try {                                                                                            \
    BODY                                                                                           \
  } catch (const c10::Error &error) {                                                              \
    ctorch::set_error(error.what_without_backtrace());                                              \
  } catch (const std::exception &error) {                                                          \
    ctorch::set_error(error.what());                                                               \
  } catch (...) {                                                                                  \
    ctorch::set_error("unknown C++ exception");                                                    \
  }                                                                                                \
  return FAILURE;

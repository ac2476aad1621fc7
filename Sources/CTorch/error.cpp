#include "ctorch.h"
#include "error.hpp"

namespace {
thread_local std::string last_error;
thread_local bool has_error = false;
} // namespace

void ctorch::set_error(const std::string &message) {
  last_error = message;
  has_error = true;
}

void ctorch::clear_error() { has_error = false; }

extern "C" const char *ctorch_last_error(void) { return has_error ? last_error.c_str() : nullptr; }

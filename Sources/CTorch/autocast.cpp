// Automatic mixed precision: libtorch's autocast state (thread-local), switched around a region of Swift code.
#include "ctorch.h"
#include "error.hpp"
#include "handle.hpp"

#include <ATen/autocast_mode.h>

extern "C" {

int ctorch_autocast_enter(int device_type, int dtype, int *was_enabled, int *previous_dtype) {
  CTORCH_GUARD(
      const auto type = ctorch::device(device_type, 0).type();
      *was_enabled = at::autocast::is_autocast_enabled(type) ? 1 : 0;
      *previous_dtype = ctorch::dtype_code(at::autocast::get_autocast_dtype(type));
      at::autocast::set_autocast_enabled(type, true);
      at::autocast::set_autocast_dtype(type, ctorch::scalar_type(dtype));
      at::autocast::increment_nesting();
      return 0;, -1)
}

int ctorch_autocast_exit(int device_type, int was_enabled, int previous_dtype) {
  CTORCH_GUARD(
      const auto type = ctorch::device(device_type, 0).type();
      if (at::autocast::decrement_nesting() == 0) at::autocast::clear_cache();
      at::autocast::set_autocast_enabled(type, was_enabled != 0);
      at::autocast::set_autocast_dtype(type, ctorch::scalar_type(previous_dtype));
      return 0;, -1)
}

int ctorch_autocast_is_enabled(int device_type) {
  CTORCH_GUARD(return at::autocast::is_autocast_enabled(ctorch::device(device_type, 0).type()) ? 1 : 0;, -1)
}

}  // extern "C"

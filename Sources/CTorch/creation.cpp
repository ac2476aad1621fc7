// Factories: full, random (global generator), arange, randperm.
#include "handle.hpp"

using ctorch::options;
using ctorch::wrap;

extern "C" {

ctorch_tensor ctorch_full(const int64_t *shape, int ndim, double value, int dtype, int device_type, int device_index) {
  CTORCH_GUARD(return wrap(at::full(ctorch::ints(shape, ndim), value, options(dtype, device_type, device_index)));,
               nullptr)
}

ctorch_tensor ctorch_rand(const int64_t *shape, int ndim, int dtype, int device_type, int device_index) {
  CTORCH_GUARD(return wrap(at::rand(ctorch::ints(shape, ndim), options(dtype, device_type, device_index)));, nullptr)
}

ctorch_tensor ctorch_randn(const int64_t *shape, int ndim, int dtype, int device_type, int device_index) {
  CTORCH_GUARD(return wrap(at::randn(ctorch::ints(shape, ndim), options(dtype, device_type, device_index)));, nullptr)
}

ctorch_tensor ctorch_randint(int64_t low, int64_t high, const int64_t *shape, int ndim, int dtype, int device_type,
                             int device_index) {
  CTORCH_GUARD(
      return wrap(at::randint(low, high, ctorch::ints(shape, ndim), options(dtype, device_type, device_index)));,
      nullptr)
}

ctorch_tensor ctorch_randperm(int64_t n, int device_type, int device_index) {
  CTORCH_GUARD(return wrap(at::randperm(n, options(CTORCH_INT64, device_type, device_index)));, nullptr)
}

ctorch_tensor ctorch_arange(double start, double end, double step, int dtype, int device_type, int device_index) {
  CTORCH_GUARD(return wrap(at::arange(start, end, step, options(dtype, device_type, device_index)));, nullptr)
}

ctorch_tensor ctorch_empty_like(ctorch_tensor t) { CTORCH_GUARD(return wrap(at::empty_like(ctorch::unwrap(t)));, nullptr) }

}

// Handle lifetime, metadata, copies in and out, dtype/device/memory-format conversion.
#include "handle.hpp"

#include <cstring>
#include <sstream>

using ctorch::unwrap;
using ctorch::wrap;

extern "C" {

void ctorch_free(ctorch_tensor t) { CTORCH_GUARD(delete t; return;, ) }

ctorch_tensor ctorch_share(ctorch_tensor t) { CTORCH_GUARD(return wrap(unwrap(t));, nullptr) }

ctorch_tensor ctorch_from_data(const void *data, size_t nbytes, const int64_t *shape, int ndim, int dtype) {
  CTORCH_GUARD(
      auto result = at::empty(ctorch::ints(shape, ndim), at::TensorOptions().dtype(ctorch::scalar_type(dtype)));
      size_t expected = result.numel() * result.element_size();
      if (expected != nbytes)
        throw std::invalid_argument("data holds " + std::to_string(nbytes) + " bytes but shape " +
                                    c10::str(result.sizes()) + " needs " + std::to_string(expected));
      if (nbytes > 0) std::memcpy(result.data_ptr(), data, nbytes);
      return wrap(std::move(result));, nullptr)
}

int ctorch_ndim(ctorch_tensor t) { CTORCH_GUARD(return static_cast<int>(unwrap(t).dim());, -1) }

int ctorch_sizes(ctorch_tensor t, int64_t *out) {
  CTORCH_GUARD(auto sizes = unwrap(t).sizes(); std::copy(sizes.begin(), sizes.end(), out); return 0;, -1)
}

int ctorch_strides(ctorch_tensor t, int64_t *out) {
  CTORCH_GUARD(auto strides = unwrap(t).strides(); std::copy(strides.begin(), strides.end(), out); return 0;, -1)
}

int64_t ctorch_numel(ctorch_tensor t) { CTORCH_GUARD(return unwrap(t).numel();, -1) }

int ctorch_dtype(ctorch_tensor t) { CTORCH_GUARD(return ctorch::dtype_code(unwrap(t).scalar_type());, -1) }

int ctorch_device(ctorch_tensor t, int *type, int *index) {
  CTORCH_GUARD(auto device = unwrap(t).device(); *type = device.is_cuda() ? CTORCH_CUDA : CTORCH_CPU;
               *index = device.has_index() ? device.index() : 0; return 0;, -1)
}

int ctorch_copy_to(ctorch_tensor t, void *data, size_t nbytes) {
  CTORCH_GUARD(
      auto source = unwrap(t).detach().to(at::kCPU).contiguous();
      size_t available = source.numel() * source.element_size();
      if (available != nbytes)
        throw std::invalid_argument("tensor holds " + std::to_string(available) + " bytes but the buffer has " +
                                    std::to_string(nbytes));
      if (nbytes > 0) std::memcpy(data, source.data_ptr(), nbytes);
      return 0;, -1)
}

int ctorch_item(ctorch_tensor t, double *out) { CTORCH_GUARD(*out = unwrap(t).item<double>(); return 0;, -1) }

ctorch_tensor ctorch_to(ctorch_tensor t, int dtype, int device_type, int device_index, int copy) {
  CTORCH_GUARD(
      auto &tensor = unwrap(t);
      auto type = dtype < 0 ? tensor.scalar_type() : ctorch::scalar_type(dtype);
      return wrap(tensor.to(ctorch::device(device_type, device_index), type, false, copy != 0));, nullptr)
}

ctorch_tensor ctorch_contiguous(ctorch_tensor t, int format) {
  CTORCH_GUARD(return wrap(unwrap(t).contiguous(ctorch::memory_format(format)));, nullptr)
}

int ctorch_is_contiguous(ctorch_tensor t, int format) {
  CTORCH_GUARD(return unwrap(t).is_contiguous(ctorch::memory_format(format)) ? 1 : 0;, -1)
}

ctorch_tensor ctorch_clone(ctorch_tensor t) { CTORCH_GUARD(return wrap(unwrap(t).clone());, nullptr) }

const char *ctorch_describe(ctorch_tensor t) {
  static thread_local std::string text;
  CTORCH_GUARD(std::ostringstream stream; stream << unwrap(t); text = stream.str(); return text.c_str();, nullptr)
}

}

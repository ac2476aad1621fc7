// Plain-C interface to ONNX Runtime's C API, which the shim reaches through dlopen at run time (the library is
// never linked: its symbols are versioned per release). No ONNX Runtime type appears here: handles are opaque,
// element types are ONNX's TensorProto.DataType codes (1 float32, 6 int32, 7 int64, 10 float16, ...).
// Every fallible function returns 0 on success, -1 on failure with a malloc'd message in *error (NULL only
// when even that allocation failed), which the caller frees with free(). Nothing is printed, nothing aborts.
#ifndef CONNXRUNTIME_H
#define CONNXRUNTIME_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// An opened ONNX Runtime library with its API table and environment. It stays open for the process's life.
typedef struct connx_library_s *connx_library;
/// A loaded model, ready to run; released with connx_session_free.
typedef struct connx_session_s *connx_session;

/// The name, element type and shape of a model input or output; dynamic dimensions are -1.
typedef struct {
  const char *name;
  int32_t element_type;
  size_t rank;
  const int64_t *shape;
} connx_value_info;

/// An input to connx_session_run: `data` holds the product of `shape` elements of `element_type`
/// (float32, int32 or int64), in row-major order. The data is read, never written.
typedef struct {
  const char *name;
  int32_t element_type;
  const void *data;
  size_t rank;
  const int64_t *shape;
} connx_input;

/// An output of connx_session_run: `count` elements of `element_type` (float32, int32 or int64) in `data`,
/// shaped by `shape`; both buffers are malloc'd and released with connx_tensor_free.
typedef struct {
  int32_t element_type;
  size_t rank;
  int64_t *shape;
  size_t count;
  void *data;
} connx_tensor;

/// The folder scripts/setup fills with the runtime library for this package: `<package>/.onnxruntime/lib`.
const char *connx_package_library_folder(void);

/// dlopens the library at `path` (a path, or a bare file name for the system's search), binds its API at the
/// version of the header the shim was built with and creates the process's ONNX Runtime environment (silent
/// logging). On success sets *library.
int connx_library_open(const char *path, connx_library *library, char **error);
/// The runtime's own version string, e.g. "1.32.0".
const char *connx_library_version(connx_library library);
/// The file the library was loaded from (found by the dynamic loader when opened by a bare name).
const char *connx_library_path(connx_library library);

/// Loads the model file at `model_path` with `intra_op_threads` threads (0: the runtime's default) on the CPU and
/// reads its input and output descriptions. On success sets *session.
int connx_session_create(connx_library library, const char *model_path, int intra_op_threads,
                         connx_session *session, char **error);
/// Releases the session and its descriptions.
void connx_session_free(connx_session session);
/// The number of model inputs.
size_t connx_session_input_count(connx_session session);
/// The number of model outputs.
size_t connx_session_output_count(connx_session session);
/// The description of input `index`, owned by the session.
const connx_value_info *connx_session_input(connx_session session, size_t index);
/// The description of output `index`, owned by the session.
const connx_value_info *connx_session_output(connx_session session, size_t index);

/// Runs the model on `input_count` inputs and fills `outputs`, an array with connx_session_output_count entries,
/// with every model output in order. On failure no output is left allocated.
int connx_session_run(connx_session session, const connx_input *inputs, size_t input_count,
                      connx_tensor *outputs, char **error);
/// Releases the buffers of one output and clears it.
void connx_tensor_free(connx_tensor *tensor);

#ifdef __cplusplus
}
#endif

#endif

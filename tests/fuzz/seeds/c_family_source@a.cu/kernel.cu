#include <cuda_runtime.h>
#include "cutlass/gemm.h"
#define URL "https://api.example.com"
__global__ void k(float* x) { x[threadIdx.x] = 'a'; }
auto s = R"d(raw)d";

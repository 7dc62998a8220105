/** Slice 2 of 4 of the fuzzer's fixed-seed sample (see sample.ts). */
import { sampleSlice } from "./sample.js";

sampleSlice(1);

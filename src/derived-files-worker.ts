/**
 * Worker thread body of {@link writeDerivedFilesInWorker}: writes the derived files of the folder
 * in `workerData.dir` and answers with the outcome. Loaded through tsx by src/derived-files.ts.
 */
import { parentPort, workerData } from "node:worker_threads";
import { writeDerivedFiles } from "./derived-files.ts";

parentPort!.postMessage(writeDerivedFiles((workerData as { dir: string }).dir));

import type { EngineErrorCode } from '../../../shared/engine-errors.js';
import type { RecognitionResult } from '../../../shared/ocr-result.js';
import { fail, ok, type Result } from '../../../shared/result.js';
import type { ReaderRecognizeOptions, RecognizeControl, RecognizeProgress } from '../engine-types.js';
import { toPgm, type GreyImage } from '../intake/grey-image.js';
import { fromGrey, toGrey } from '../intake/grey-pipeline.js';
import { autoLanguage, readsAsSingleBlock, readsVertically } from '../languages/language-registry.js';
import { languagesForScript } from '../languages/languages-for-script.js';
import { estimateSkew } from '../orientation/estimate-skew.js';
import { decideOrientation, minOrientationSide, textAngle, type OrientationDecision } from '../orientation/read-orientation.js';
import { rotateGrey } from '../orientation/rotate-grey.js';
import type { WorkerPool } from '../pool/worker-pool.js';
import { analysePage, type PageAnalysis } from '../preprocess/analyse-page.js';
import { allPreprocessSteps, preparePage, type PreparedPage, type PreprocessSteps } from '../preprocess/prepare-page.js';
import { OcrEngineMode, type TesseractWorker, type TesseractWorkerSpec } from '../tesseract/tesseract-worker.js';
import { tierProfiles } from '../tiers.js';
import { pageToResult } from './page-to-result.js';
import { betterReading, readingQuality, readsAsUpright, type ReadingQuality } from './reading-quality.js';

/** Below a third of a degree Tesseract reads as well unrotated; rotating only blurs. */
const minSkewDegrees = 0.3;

export interface PageRecognizerDeps {
  readonly modelsFolder: string;
  readonly recognitionPool: WorkerPool<TesseractWorker>;
  readonly orientationPool: WorkerPool<TesseractWorker>;
  /** The pool key of a worker spec (the pools spawn workers from keys). */
  readonly keyFor: (spec: TesseractWorkerSpec) => string;
}

export interface PageRequest {
  readonly languages: readonly string[] | typeof autoLanguage;
  readonly options: ReaderRecognizeOptions;
}

export type PageRecognizer = (
  upright: GreyImage,
  request: PageRequest,
  control: RecognizeControl,
  report: (stage: RecognizeProgress['stage'], fraction: number) => void,
) => Promise<Result<RecognitionResult, EngineErrorCode>>;

/** A page as it stands before reading: the image, its analysis, and the copy prepared for Tesseract. */
interface PageState {
  readonly grey: GreyImage;
  readonly analysis: PageAnalysis;
  readonly prepared: PreparedPage;
}

interface Reading {
  readonly result: RecognitionResult;
  readonly quality: ReadingQuality;
}

/** Failures after which a reading already in hand is still the answer. */
const keepsFirstReading = (code: EngineErrorCode) => code !== 'Cancelled' && code !== 'EngineClosed';

/**
 * One page, from upright greyscale to a result: preprocess, deskew, choose the language set (for
 * `auto`, from the script OSD detects) and the segmentation mode, read. Quarter turns are looked
 * for only when the reading says so: a confident horizontal reading is upright (README,
 * "Orientation"), so OSD runs on the few pages that need it instead of on every page.
 */
export function createPageRecognizer(deps: PageRecognizerDeps): PageRecognizer {
  const osdKey = deps.keyFor({ languages: ['osd'], mode: OcrEngineMode.legacy, modelsFolder: deps.modelsFolder, variant: '4.0.0' });

  return async (upright, request, control, report) => {
    const { options } = request;
    const profile = tierProfiles[options.tier ?? 'standard'];
    const detectOrientation = options.detectOrientation ?? profile.detectOrientation;
    const deskew = options.deskew ?? profile.deskew;
    // One deadline for the page: orientation and recognition share it.
    const deadline = options.timeoutMs === undefined ? undefined : Date.now() + options.timeoutMs;
    const remaining = (): Result<number | undefined, 'Timeout'> => {
      if (deadline === undefined) return ok(undefined);
      const left = deadline - Date.now();
      return left > 0 ? ok(left) : fail('Timeout', `The page took longer than ${options.timeoutMs} ms and was stopped.`);
    };
    const steps: PreprocessSteps = { ...allPreprocessSteps, ...options.preprocess };

    const detect = async (page: PageState): Promise<Result<OrientationDecision, EngineErrorCode>> => {
      report('orientation', 0);
      const timeLeft = remaining();
      if (!timeLeft.ok) return timeLeft;
      const image = toPgm(await imageForOrientation(page.prepared, page.analysis));
      const detection = await deps.orientationPool.run({
        key: osdKey,
        lane: control.lane,
        signal: control.signal,
        timeoutMs: timeLeft.value,
        run: (worker) => worker.detectOrientation(image),
      });
      if (!detection.ok) return detection;
      const decision = decideOrientation(detection.value);
      return ok(detectOrientation ? decision : { ...decision, correction: 0 });
    };

    const turn = async (page: PageState, correction: OrientationDecision['correction']): Promise<PageState> => {
      if (correction === 0) return page;
      const grey = await rotateGrey(page.grey, correction);
      const analysis = analysePage(grey);
      return { grey, analysis, prepared: await preparePage(grey, analysis, steps) };
    };

    const read = async (page: PageState, languages: readonly string[], correction: OrientationDecision['correction']): Promise<Result<Reading, EngineErrorCode>> => {
      let { grey, prepared } = page;
      let skew = 0;
      if (deskew && !readsVertically(languages) && Math.min(grey.width, grey.height) >= minOrientationSide) {
        const estimated = estimateSkew(grey, page.analysis) ?? 0;
        if (Math.abs(estimated) >= minSkewDegrees) {
          skew = estimated;
          // A turn of a few degrees changes neither the ink threshold nor the line height: the
          // analysis (130 ms on a large scan) is kept.
          grey = await rotateGrey(grey, -skew, page.analysis.darkBackground ? 'black' : 'white');
          prepared = await preparePage(grey, page.analysis, steps);
        }
      }
      const spec: TesseractWorkerSpec = { languages, mode: OcrEngineMode.lstm, modelsFolder: deps.modelsFolder, variant: options.variant ?? profile.variant };
      const image = toPgm(prepared.image);
      report('recognizing', 0);
      const timeLeft = remaining();
      if (!timeLeft.ok) return timeLeft;
      const recognized = await deps.recognitionPool.run({
        key: deps.keyFor(spec),
        lane: control.lane,
        signal: control.signal,
        timeoutMs: timeLeft.value,
        run: (worker) =>
          worker.recognize(
            {
              image,
              parameters: {
                tessedit_pageseg_mode: options.singleLine ? singleLineMode : pageSegmentationMode(grey, page.analysis, languages),
                // Our PGM carries no resolution; without this Tesseract guesses one and warns.
                user_defined_dpi: '300',
              },
            },
            (progress) => {
              if (progress.status === 'recognizing text') report('recognizing', progress.progress);
            },
          ),
      });
      if (!recognized.ok) return recognized;
      const result = pageToResult(recognized.value, {
        geometry: { scale: prepared.scale, padding: prepared.padding, width: grey.width, height: grey.height },
        language: languages.join('+'),
        angle: textAngle(correction, skew),
        input: { width: upright.width, height: upright.height },
      });
      return ok({ result, quality: readingQuality(result) });
    };

    const analysis = analysePage(upright);
    const start: PageState = { grey: upright, analysis, prepared: await preparePage(upright, analysis, steps) };
    const canTurn = Math.min(start.prepared.image.width, start.prepared.image.height) >= minOrientationSide;
    const resultOf = (reading: Result<Reading, EngineErrorCode>) => (reading.ok ? ok(reading.value.result) : reading);

    // `auto` needs the script before it can choose a model, and vertical text is read as vertical
    // lines, which says nothing about a turn: for these, OSD comes first.
    if (canTurn && (request.languages === autoLanguage || (detectOrientation && readsVertically(request.languages)))) {
      const decision = await detect(start);
      if (!decision.ok) return decision;
      const languages = request.languages === autoLanguage ? languagesForScript(decision.value.script) : request.languages;
      return resultOf(await read(await turn(start, decision.value.correction), languages, decision.value.correction));
    }

    const languages = request.languages === autoLanguage ? languagesForScript(null) : request.languages;
    const first = await read(start, languages, 0);
    if (!first.ok || !detectOrientation || !canTurn || readsAsUpright(first.value.quality)) return resultOf(first);
    const decision = await detect(start);
    if (!decision.ok) return keepsFirstReading(decision.error.code) ? resultOf(first) : decision;
    if (decision.value.correction === 0) return resultOf(first);
    const second = await read(await turn(start, decision.value.correction), languages, decision.value.correction);
    if (!second.ok) return keepsFirstReading(second.error.code) ? resultOf(first) : second;
    // OSD can be wrong on a page of little text; the turn must also read better.
    return ok(betterReading(first.value, second.value).result);
  };
}

/**
 * Tesseract's layout analysis (PSM 3, what its CLI uses) finds the columns and blocks of a page;
 * TessBaseAPI's own default (PSM 6, one uniform block) runs the columns of a page together. On a
 * crop holding a single line, layout analysis can find nothing at all (measured: two of six digit
 * crops came back empty), so such crops are read as one line (PSM 7). Scripts whose layout analysis
 * breaks lines apart (Korean, see the registry) are read as one block (PSM 6).
 */
const singleLineMode = '7';

function pageSegmentationMode(image: GreyImage, analysis: PageAnalysis, languages: readonly string[]): string {
  const singleLine = analysis.lineHeight !== null && image.height <= analysis.lineHeight * 1.8;
  if (singleLine) return singleLineMode;
  return readsAsSingleBlock(languages) ? '6' : '3';
}

/** OSD reads text lines of about this height well; a 300 dpi scan's lines are larger than needed. */
const osdLineHeight = 24;
/** Below this long side OSD lost its confidence on a magazine page (measured: 1000 px guessed 180). */
const osdMinLongSide = 1500;

/**
 * OSD's cost grows with the pixels it sees (519 ms on a 3312 px scan): it gets the page scaled so
 * its lines are about 24 px, but never below 1,500 px on the long side.
 */
async function imageForOrientation(prepared: PreparedPage, analysis: PageAnalysis): Promise<GreyImage> {
  const { image } = prepared;
  const longSide = Math.max(image.width, image.height);
  const lineHeight = analysis.lineHeight === null ? null : analysis.lineHeight * prepared.scale;
  if (lineHeight === null || lineHeight <= osdLineHeight || longSide <= osdMinLongSide) return image;
  const scale = Math.max(osdLineHeight / lineHeight, osdMinLongSide / longSide);
  return toGrey(fromGrey(image).resize(Math.round(image.width * scale), Math.round(image.height * scale), { kernel: 'lanczos3' }));
}

import { cloudActions } from '../../../../shared/cloud-api/cloud-actions.js';
import { idCardConfig, idCardRequest, type IdCardConfig } from '../../../../shared/cloud-api/idcard-ocr.js';
import { fail, ok, type Result } from '../../../../shared/result.js';
import type { IdCardWarningName } from '../../../../shared/idcard-result.js';
import { imageSourceOf, parseParams, type CloudActionHandler } from '../action-kit.js';

/** The Config flags that ask for a warning, and the warning each asks for. */
const warningFlags: ReadonlyArray<[keyof IdCardConfig, IdCardWarningName]> = [
  ['CopyWarn', 'copy'],
  ['BorderCheckWarn', 'border'],
  ['ReshootWarn', 'reshoot'],
  ['DetectPsWarn', 'tampering'],
  ['TempIdWarn', 'temporary'],
  ['InvalidDateWarn', 'invalidDate'],
  ['ReflectWarn', 'reflection'],
];

/** Config: a string holding a JSON object of flags (the SDKs send it so); anything else is ConfigFormatError. */
function configOf(text: string | undefined): Result<IdCardConfig, 'ConfigFormatError'> {
  if (text === undefined || text.trim() === '') return ok({});
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return fail('ConfigFormatError', 'Config must be a JSON object of flags, e.g. {"CropIdCard":true}.');
  }
  const flags = idCardConfig.safeParse(parsed);
  return flags.success ? ok(flags.data) : fail('ConfigFormatError', 'Config must be a JSON object whose flags are true or false.');
}

/**
 * IDCardOCR: a resident identity card of the Chinese mainland, either side (or the side CardSide
 * names), its fields reconciled unless EnableRecognitionRectify is false, and what Config asks
 * for: crops, quality, border value, warnings. The answer's fields are all strings; the other
 * side's are "".
 */
export const idCardOcr: CloudActionHandler = async (params, context) => {
  const request = parseParams(idCardRequest, params);
  if (!request.ok) return request;
  const config = configOf(request.value.Config);
  if (!config.ok) return config;
  const image = imageSourceOf(request.value, cloudActions.IDCardOCR);
  if (!image.ok) return image;
  const flags = config.value;
  const read = await context.recognizeIdCard({
    service: 'idcard',
    image: image.value,
    card: {
      ...(request.value.CardSide ? { side: request.value.CardSide } : {}),
      rectify: request.value.EnableRecognitionRectify ?? true,
      cropCard: flags.CropIdCard ?? false,
      cropPortrait: flags.CropPortrait ?? false,
      warnings: new Set(warningFlags.filter(([flag]) => flags[flag]).map(([, warning]) => warning)),
      reflectionDetail: (flags.ReflectWarn ?? false) && (request.value.EnableReflectDetail ?? false),
      multiCard: flags.MultiCardDetect ?? false,
    },
  });
  if (!read.ok) return read;
  const card = read.value;
  const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
  const advanced = {
    WarnInfos: [...card.warnings],
    ...(card.cardJpeg ? { IdCard: base64(card.cardJpeg) } : {}),
    ...(card.portraitJpeg ? { Portrait: base64(card.portraitJpeg) } : {}),
    ...(flags.Quality ? { Quality: card.quality } : {}),
    ...(flags.BorderCheckWarn ? { BorderCodeValue: card.borderCodeValue } : {}),
  };
  const { fields } = card;
  return ok({
    Name: fields.name,
    Sex: fields.sex,
    Nation: fields.nation,
    Birth: fields.birth,
    Address: fields.address,
    IdNum: fields.idNum,
    Authority: fields.authority,
    ValidDate: fields.validDate,
    AdvancedInfo: JSON.stringify(advanced),
    ReflectDetailInfos: card.reflections.map((position) => ({ Position: position })),
  });
};

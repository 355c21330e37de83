/**
 * The public layout of the second-generation resident identity card (GB/T 16502; 85.6 x 54 mm),
 * on the straightened card at 10 px a millimetre: 856 x 540. Regions are where each field's text
 * lies (labels excluded), generous enough for a card straightened a little off; the reader takes
 * the words whose middles fall in them, and the generator of synthetic specimens draws into them.
 */
export const cardWidth = 856;
export const cardHeight = 540;

export interface Region {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Front (the portrait side). */
export const frontLayout = {
  nameLabel: { x: 50, y: 55, width: 80, height: 45 },
  name: { x: 140, y: 50, width: 390, height: 55 },
  sexLabel: { x: 50, y: 115, width: 80, height: 45 },
  sex: { x: 140, y: 110, width: 90, height: 55 },
  nationLabel: { x: 240, y: 115, width: 80, height: 45 },
  nation: { x: 325, y: 110, width: 200, height: 55 },
  birthLabel: { x: 50, y: 175, width: 80, height: 45 },
  birth: { x: 140, y: 170, width: 390, height: 55 },
  addressLabel: { x: 50, y: 235, width: 80, height: 45 },
  address: { x: 140, y: 230, width: 390, height: 160 },
  idNumLabel: { x: 50, y: 445, width: 220, height: 50 },
  idNum: { x: 270, y: 435, width: 560, height: 70 },
  portrait: { x: 550, y: 50, width: 270, height: 340 },
} as const satisfies Record<string, Region>;

/** Back (the national emblem side). */
export const backLayout = {
  emblem: { x: 55, y: 35, width: 150, height: 160 },
  title: { x: 250, y: 50, width: 560, height: 160 },
  authorityLabel: { x: 150, y: 395, width: 140, height: 45 },
  authority: { x: 295, y: 385, width: 530, height: 60 },
  validDateLabel: { x: 150, y: 455, width: 140, height: 45 },
  validDate: { x: 295, y: 445, width: 530, height: 60 },
} as const satisfies Record<string, Region>;

/** Where on a card a point lies, in the cloud's ReflectDetailInfos terms. */
export function partOfCard(side: 'FRONT' | 'BACK', x: number, y: number): 'NationalEmblem' | 'Portrait' | 'RecognitionField' | 'Others' {
  const inside = (region: Region) => x >= region.x && x < region.x + region.width && y >= region.y && y < region.y + region.height;
  if (side === 'BACK') {
    if (inside(backLayout.emblem)) return 'NationalEmblem';
    return [backLayout.authority, backLayout.validDate].some(inside) ? 'RecognitionField' : 'Others';
  }
  if (inside(frontLayout.portrait)) return 'Portrait';
  return [frontLayout.name, frontLayout.sex, frontLayout.nation, frontLayout.birth, frontLayout.address, frontLayout.idNum].some(inside) ? 'RecognitionField' : 'Others';
}

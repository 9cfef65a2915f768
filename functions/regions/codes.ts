/** Kemendagri code of a kecamatan in Kota Bekasi: `32.75.NN`. */
export const KECAMATAN_CODE = /^32\.75\.\d{2}$/;

/** Kemendagri code of a kelurahan/desa anywhere in Indonesia: `PP.KK.CC.NNNN`. */
export const KELURAHAN_CODE = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;

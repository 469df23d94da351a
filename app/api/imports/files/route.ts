import { authorize } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { withRouteErrors } from "@/lib/http/route-errors";
import { saveUpload } from "@/lib/import/import-files";

/**
 * Receives one CSV file as the raw request body (`?name=` carries its name) and streams it to the import folder;
 * the mapping step then reads it from there. The custom header keeps other sites' forms from posting here.
 */
export const POST = withRouteErrors(async (request: Request) => {
  const user = await authorize("import:run");
  if (request.headers.get("x-crm-upload") !== "1") throw new AppError("FORBIDDEN", "Uploads come from the imports page.");
  if (!request.body) throw new AppError("INVALID", "The file is empty.", { file: ["imports.upload.empty"] });
  const name = new URL(request.url).searchParams.get("name") ?? "import.csv";
  const expectedBytes = Number(request.headers.get("content-length")) || null;
  const upload = await saveUpload(request.body, { name, uploadedById: user.id, expectedBytes });
  return Response.json({ id: upload.id, name: upload.name, bytes: upload.bytes }, { status: 201, headers: { "Cache-Control": "no-store" } });
});
